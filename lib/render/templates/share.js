{#- Copies the share box's link with the clipboard where the page is served over HTTPS or on this machine, and by
    selecting the text otherwise; no "<" in it, which Streamlit's sanitiser would drop. #}
document.querySelectorAll('.ct-share').forEach((box) => {
  if (box.dataset.ready) return;
  box.dataset.ready = '1';
  const field = box.querySelector('input');
  const done = box.querySelector('.ct-share-done');
  field.addEventListener('focus', () => field.select());
  box.querySelector('button').addEventListener('click', () => {
    const copied = () => { done.hidden = false; setTimeout(() => { done.hidden = true; }, 2500); };
    field.focus(); field.select(); field.setSelectionRange(0, field.value.length);
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(copied, () => { if (document.execCommand('copy')) copied(); });
    } else if (document.execCommand('copy')) { copied(); }
  });
});

