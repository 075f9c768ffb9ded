{# The deck's keys, buttons and fit: one listener for the page's life (Streamlit may draw the deck again);
   it finds the deck shown now. The keys are those a presentation clicker sends. #}
(() => {
  const FORWARD = ["ArrowRight", "ArrowDown", "PageDown", " ", "Enter", "Spacebar"];
  const BACK = ["ArrowLeft", "ArrowUp", "PageUp", "Backspace"];
  const deck = () => document.querySelector(".ct-deck");
  const shown = (d) => Number(d.querySelector(".ct-slide.on")?.dataset.slide || 1);
  // The shown slide's body text as large as its frame holds (at most GROW times the size it was laid
  // out at): a slide packed for a 4:3 projector otherwise leaves a wide screen's lower part empty.
  const GROW = 1.6;
  function fit(d) {
    const slide = d.querySelector(".ct-slide.on"), body = slide && slide.querySelector(".ct-body");
    if (!body) return;
    const holds = (grow) => {
      body.style.setProperty("--grow", String(grow));
      return body.scrollHeight <= body.clientHeight + 1 && body.scrollWidth <= body.clientWidth + 1;
    };
    if (window.matchMedia("(max-aspect-ratio: 1/1)").matches || !holds(1)) { body.style.setProperty("--grow", "1"); return; }
    let low = 1, high = GROW;
    if (holds(high)) low = high;
    else for (let step = 0; step < 8; step++) { const middle = (low + high) / 2; if (holds(middle)) low = middle; else high = middle; }
    body.style.setProperty("--grow", low.toFixed(3));
    slide.dataset.grow = low.toFixed(3);
  }
  window.ctDeckFit = () => { const d = deck(); if (d) fit(d); };
  function go(d, number) {
    const count = Number(d.dataset.count);
    number = Math.min(Math.max(number, 1), count);
    d.querySelectorAll(".ct-slide").forEach((s) => s.classList.toggle("on", Number(s.dataset.slide) === number));
    d.querySelector(".ct-deck-count").textContent = number + "/" + count;
    fit(d);
    const url = new URL(window.location.href);
    if (url.searchParams.has("present")) {
      url.searchParams.set("slide", String(number));
      window.history.replaceState(window.history.state, "", url);
    }
  }
  function full(d) {
    if (document.fullscreenElement) { document.exitFullscreen?.(); d.classList.remove("ct-full"); return; }
    const done = document.documentElement.requestFullscreen?.();
    if (done) { done.then(() => d.classList.add("ct-full")).catch(() => {}); }
  }
  function act(d, action) {
    if (action === "next") go(d, shown(d) + 1);
    else if (action === "prev") go(d, shown(d) - 1);
    else if (action === "first") go(d, 1);
    else if (action === "last") go(d, Number(d.dataset.count));
    else if (action === "black") d.classList.toggle("ct-dark");
    else if (action === "full") full(d);
    else if (action === "leave") document.querySelector(".st-key-slide_leave button")?.click();
  }
  window.ctDeckKey = (event) => {
    const d = deck();
    if (!d || event.altKey || event.ctrlKey || event.metaKey) return;
    const target = event.target;
    if (target && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName))) return;
    const key = event.key;
    let action = null;
    if (d.classList.contains("ct-dark") && key !== "Escape") action = "black";  // any key lights the screen again
    else if (FORWARD.includes(key)) action = "next";
    else if (BACK.includes(key)) action = "prev";
    else if (key === "Home") action = "first";
    else if (key === "End") action = "last";
    else if (key === "b" || key === "B" || key === "." || key === ",") action = "black";
    else if (key === "f" || key === "F") action = "full";
    else if (key === "Escape") action = d.classList.contains("ct-dark") ? "black" : "leave";
    if (!action) return;
    event.preventDefault();
    event.stopPropagation();
    act(d, action);
  };
  window.ctDeckClick = (event) => {
    const button = event.target.closest && event.target.closest("[data-deck]");
    const d = deck();
    if (button && d && d.contains(button)) { event.preventDefault(); act(d, button.dataset.deck); }
  };
  if (!window.ctDeckListening) {
    window.ctDeckListening = true;
    window.addEventListener("keydown", (event) => window.ctDeckKey(event), true);
    window.addEventListener("click", (event) => window.ctDeckClick(event), true);
    window.addEventListener("resize", () => window.ctDeckFit());
  }
  // Streamlit runs this script as it inserts the block: the mount may not be in the document yet.
  function mount(tries) {
    const places = document.querySelectorAll(".ct-deck-mount");
    if (!places.length && window.ctDeckMarkup && tries < 300) { requestAnimationFrame(() => mount(tries + 1)); return; }
    places.forEach((place) => { if (place.ctMarkup !== window.ctDeckMarkup) { place.innerHTML = window.ctDeckMarkup; place.ctMarkup = window.ctDeckMarkup; } });
    const d = deck();
    if (d) { d.tabIndex = -1; d.focus({preventScroll: true}); fit(d); document.fonts?.ready.then(() => fit(d)); }
  }
  mount(0);
})();

