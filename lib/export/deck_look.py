"""The meeting deck's look and keys: the CSS that sizes every slide in u (a hundredth of a 4:3
frame's height, so text grows with the screen and nothing scrolls) and the script that moves
between slides with the keys a presentation clicker sends."""
from lib.words import look

# The footer's buttons, for a mouse or a finger: (action, symbol); their words are labels.deck_<action>.
FULL_ICON = ('<svg viewBox="0 0 24 24" width="1em" height="1em" aria-hidden="true"><path fill="none" stroke="currentColor" '
             'stroke-width="2.4" d="M3 9V3h6M15 3h6v6M21 15v6h-6M9 21H3v-6"/></svg>')
BUTTONS = (("prev", "‹"), ("next", "›"), ("black", "■"), ("full", FULL_ICON), ("leave", "✕"))

CSS = f"""
html, body {{overflow: hidden !important;}}
.ct-deck {{--frame-u: min(1vh, 0.75vw); --u: var(--frame-u); position: fixed; inset: 0; z-index: 999990; background: #FFFFFF; color: {look.INK};
  font-family: "Source Sans Pro", "Source Sans 3", "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", Arial, sans-serif;
  font-size: calc(var(--u) * 3.4); line-height: 1.25; overflow: hidden;}}
.ct-deck * {{box-sizing: border-box;}}
.ct-deck .ct-slide {{display: none; position: absolute; inset: 0; overflow: hidden; flex-direction: column;
  padding: calc(var(--u) * 3) calc(var(--u) * 4) calc(var(--u) * 8);}}
.ct-deck .ct-slide.on {{display: flex;}}
.ct-deck .ct-slide h1 {{font-size: calc(var(--u) * 5); line-height: 1.15; margin: 0 0 calc(var(--u) * 1.2); padding: 0;
  font-weight: 700; color: {look.INK};}}
.ct-deck .ct-sub {{font-size: calc(var(--u) * 2.8); color: #3D4350; margin: 0 0 calc(var(--u) * 1.5);}}
/* A body's text grows by --grow (set by the script below) as far as its slide has room; a chart,
   already drawn as wide as a 16:9 frame, keeps its size. */
.ct-deck .ct-body {{flex: 1; min-height: 0; --u: calc(var(--frame-u) * var(--grow, 1));}}
.ct-deck .ct-figure {{margin: 0 0 calc(var(--u) * 1); --u: var(--frame-u);}}
.ct-deck .ct-figure svg {{display: block; max-width: 100%; margin: 0 auto;}}
.ct-deck h2.ct-group {{font-size: calc(var(--u) * 3.4); font-weight: 600; margin: calc(var(--u) * 1) 0 calc(var(--u) * 1);
  padding: 0; color: {look.INK};}}
.ct-deck p.ct-paragraph {{font-size: calc(var(--u) * 3.4); line-height: 1.25; margin: 0;}}
.ct-deck .ct-line {{font-size: calc(var(--u) * 3.4); margin: 0 0 calc(var(--u) * 1);}}
.ct-deck .ct-reason {{color: #4A5160;}}
.ct-deck .ct-badge {{display: inline-block; padding: 0 calc(var(--u) * 0.6); border-radius: calc(var(--u) * 0.5);
  font-weight: 600; font-size: inherit;}}
{look.status_css("ct-deck .ct-badge")}
{look.tone_css("ct-deck .ct-tone")}
.ct-deck .ct-counts {{display: grid; grid-template-columns: repeat(auto-fit, minmax(calc(var(--u) * 22), 1fr)); gap: calc(var(--u) * 2); margin-top: calc(var(--u) * 2);}}
.ct-deck .ct-count {{border: 1px solid #D5DAE0; border-top: calc(var(--u) * 1) solid; border-radius: calc(var(--u) * 1);
  padding: calc(var(--u) * 2);}}
.ct-deck .ct-count-label {{font-size: calc(var(--u) * 3.4); color: #3D4350;}}
.ct-deck .ct-count-value {{font-size: calc(var(--u) * 10); font-weight: 700; line-height: 1.1;}}
.ct-deck .ct-cards {{display: grid; gap: calc(var(--u) * 1.5); margin-bottom: calc(var(--u) * 1.5);
  grid-template-columns: repeat(3, minmax(0, 1fr));}}
.ct-deck .ct-card {{border: 1px solid #D5DAE0; border-radius: calc(var(--u) * 1); padding: calc(var(--u) * 1.2) calc(var(--u) * 1.6);
  display: flex; flex-direction: column; gap: calc(var(--u) * 0.5); font-size: calc(var(--u) * 3.4); overflow: hidden;}}
.ct-deck .ct-card-title {{font-weight: 600; font-size: calc(var(--u) * 3.4);}}
.ct-deck .ct-card-big {{font-size: calc(var(--u) * 4.8); font-weight: 700; line-height: 1.1;}}
.ct-deck .ct-card-value {{font-size: calc(var(--u) * 4.4); font-weight: 700; line-height: 1.15;}}
.ct-deck .ct-card-said {{font-size: calc(var(--u) * 3); color: #3A4150;
  border-left: calc(var(--u) * 0.4) solid {look.BLUE}; padding-left: calc(var(--u) * 1);}}
.ct-deck .ct-card-name {{font-size: calc(var(--u) * 3.4); color: #3D4350;}}
.ct-deck .ct-deck-foot {{position: absolute; left: calc(var(--u) * 4); right: calc(var(--u) * 4); bottom: calc(var(--u) * 1.5);
  height: calc(var(--u) * 5); display: flex; align-items: center; gap: calc(var(--u) * 1);}}
.ct-deck .ct-deck-foot button {{font: inherit; font-size: calc(var(--u) * 2.6); line-height: 1; min-width: calc(var(--u) * 5.5);
  height: calc(var(--u) * 5); border: 1px solid #D5DAE0; border-radius: calc(var(--u) * 0.8); background: #FFFFFF;
  color: #3D4350; cursor: pointer;}}
.ct-deck .ct-deck-count {{font-size: calc(var(--u) * 2.8); color: #3D4350; min-width: calc(var(--u) * 10); text-align: right;
  margin-left: auto;}}
.ct-deck:fullscreen .ct-deck-foot button, .ct-deck.ct-full .ct-deck-foot button {{opacity: 0.35;}}
.ct-deck .ct-rotate {{display: none;}}
.ct-deck .ct-black {{display: none; position: fixed; inset: 0; background: #000000; z-index: 999991;}}
.ct-deck.ct-dark .ct-black {{display: block;}}
/* A phone held upright: the frame follows the width and the slide scrolls instead of shrinking to nothing. */
@media (max-aspect-ratio: 1/1) {{
  .ct-deck {{--frame-u: 1.25vw; overflow-y: auto;}}
  .ct-deck .ct-slide {{position: relative; min-height: 100vh; overflow: visible;}}
  .ct-deck .ct-cards {{grid-template-columns: minmax(0, 1fr);}}
  .ct-deck .ct-counts {{grid-template-columns: repeat(2, 1fr);}}
  .ct-deck .ct-figure svg {{height: auto !important;}}
  .ct-deck .ct-deck-foot {{position: fixed;}}
  .ct-deck .ct-rotate {{display: block; font-size: calc(var(--u) * 3); color: #3D4350; padding: calc(var(--u) * 2) calc(var(--u) * 4) 0;}}
}}
"""

# One listener for the page's life (Streamlit may draw the deck again); it finds the deck shown now.
SCRIPT = """
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
"""
