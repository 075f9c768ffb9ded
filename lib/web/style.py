"""The app's CSS: one stylesheet every page sets first. Status and tone colours come from lib/words/look.py."""
from lib.words import look
from lib.words.words import Words

CSS = f"""
<style>
.block-container {{padding-top: 2.2rem; max-width: 1400px;}}
/* On a phone the app's header (3,75rem) sits over the page: the first notice starts below it. */
@media (max-width: 640px) {{ .block-container {{padding-top: 4.4rem;}} }}
mark.ct-number {{background: #FFE08A; padding: 0 .15em; border-radius: 3px; font-weight: 600;}}
.ct-quote {{border-left: 4px solid {look.BLUE}; padding: .4rem .8rem; margin: .3rem 0 .8rem; background: #F4F8FB;}}
div[data-testid="stMetricValue"] {{font-size: 1.9rem;}}
/* A figure wraps rather than lose its end (and unit) to an ellipsis in a narrow cell. */
div[data-testid="stMetricValue"] * {{white-space: normal !important; overflow: visible !important; text-overflow: clip !important;}}
.ct-counts {{display: grid; grid-template-columns: repeat(auto-fit, minmax(140px, 1fr)); gap: .6rem; margin-bottom: .5rem;}}
.ct-count {{border: 1px solid #E2E6EA; border-top: 5px solid; border-radius: .4rem; padding: .5rem .8rem;}}
.ct-count-label {{font-size: .95rem; color: #4A5160;}}
.ct-count-value {{font-size: 2.1rem; font-weight: 600; line-height: 1.2;}}
.ct-cards {{display: grid; grid-template-columns: repeat(auto-fill, minmax(240px, 1fr)); gap: .6rem; margin-bottom: .8rem;}}
.ct-card {{border: 1px solid #E2E6EA; border-radius: .4rem; padding: .6rem .9rem;}}
.ct-card-value {{font-size: 1.4rem; font-weight: 600; line-height: 1.3;}}
.ct-card-name {{font-size: .9rem; color: #5A6170; margin-top: .2rem;}}
.ct-headlines {{grid-template-columns: repeat(auto-fill, minmax(300px, 1fr));}}
.ct-headlines .ct-card {{display: flex; flex-direction: column; gap: .35rem; padding: .8rem 1rem;}}
.ct-card-title {{font-weight: 600;}}
.ct-card-big {{font-size: 1.8rem; font-weight: 600; line-height: 1.2;}}
.ct-badge {{display: inline-block; padding: 0 .4rem; border-radius: .3rem; font-size: .9rem; font-weight: 600;}}
{look.status_css("ct-badge")}
{look.tone_css("ct-tone")}
.ct-card-link {{font-size: .9rem; margin-top: auto;}}
/* The report's own words: set apart from the figures like a quotation. */
.ct-card-said, .ct-said {{font-size: .9rem; color: #3A4150; border-left: 3px solid {look.BLUE};
  padding-left: .5rem;}}
.ct-said {{font-size: 1rem; margin: .4rem 0;}}
.ct-statements ul {{margin: .2rem 0 .6rem; padding-left: 1.2rem;}}
.ct-statements li {{margin: .15rem 0;}}
.ct-note {{white-space: pre-wrap; border: 1px solid #E2E6EA; border-radius: .4rem; padding: .5rem .8rem; margin: .3rem 0 0;}}
.ct-note-by {{font-size: .85rem; color: #5A6170; margin-bottom: .4rem;}}
.ct-judged {{margin: .25rem 0;}}
h5.ct-group {{font-size: 1rem; font-weight: 600; margin: .6rem 0 .4rem; padding: 0;}}
.ct-table-wrap {{content-visibility: auto; max-height: 640px; overflow: auto; border: 1px solid #E2E6EA; border-radius: .4rem; margin-bottom: 1rem;}}
.ct-table {{border-collapse: separate; border-spacing: 0; width: 100%; font-size: .9rem;}}
.ct-table .ct-badge {{white-space: nowrap;}}
.ct-table th {{position: sticky; top: 0; z-index: 1; background: #F2F5F8; text-align: left; font-weight: 600;
  padding: .45rem .5rem; border-bottom: 1px solid #D5DAE0;}}
.ct-table td {{padding: .4rem .5rem; border-bottom: 1px solid #EEF0F3; vertical-align: top;}}
.ct-table th:first-child, .ct-table td:first-child {{position: sticky; left: 0; background: #FFFFFF; min-width: 10rem;
  max-width: 18rem;}}
.ct-table th:first-child {{background: #F2F5F8; z-index: 2;}}
.ct-table .ct-num {{text-align: right; white-space: nowrap;}}
/* The last column holds words (the comparison with next year, a reason): wide enough to read in a few lines. */
.ct-table td:last-child:not(.ct-num) {{min-width: 16rem;}}
.ct-table tbody tr:hover td {{background: #F7F9FB;}}
p.ct-paragraph {{font-size: 1.05rem; line-height: 1.55; margin: .2rem 0 1rem; max-width: 72rem;}}
p.ct-paragraph a {{color: inherit; text-decoration: underline; text-decoration-color: #AEB4BE;}}
.ct-share {{display: flex; flex-wrap: wrap; gap: .5rem; align-items: center;}}
.ct-share input {{flex: 1 1 16rem; min-width: 0; font: inherit; font-size: .95rem; padding: .45rem .6rem;
  border: 1px solid #C9CED6; border-radius: .4rem; background: #F7F9FB; color: inherit; user-select: all;}}
.ct-share button {{font: inherit; padding: .45rem 1rem; min-height: 2.75rem; border: 1px solid #C9CED6;
  border-radius: .4rem; background: #FFFFFF; cursor: pointer;}}
.ct-share-done {{color: #00704F; font-weight: 600;}}
/* A bar that moves along the top while the page runs, the slides too (they hide Streamlit's own
   sign); it shows only after .4 s, so a quick filter change does not flicker. */
[data-testid="stApp"][data-test-script-state="running"]::before {{content: ""; position: fixed; top: 0; left: 0;
  right: 0; height: 4px; z-index: 1000001; pointer-events: none; opacity: 0;
  background: linear-gradient(90deg, transparent, {look.BLUE}, transparent) no-repeat; background-size: 35% 100%;
  animation: ct-loading-move 1.1s linear infinite, ct-loading-show .2s ease-out .4s forwards;}}
@keyframes ct-loading-move {{from {{background-position: -40% 0;}} to {{background-position: 140% 0;}}}}
@keyframes ct-loading-show {{to {{opacity: 1;}}}}
/* The script that says Streamlit's own words in the page's language (lib/web/streamlit_words.py) takes no room. */
[data-testid="stElementContainer"]:has(.ct-streamlit-words) {{display: none;}}
/* A table's own search matches only with diacritics and speaks English: the pages' own search does its job. */
[data-testid="stElementToolbarButton"]:has(button[aria-label="Search"], button[aria-label^="Search:"]) {{display: none;}}
</style>
"""


def upload_limit_mb() -> int:
    """The server's upload limit in MB (.streamlit/config.toml server.maxUploadSize), as the uploader says it."""
    from streamlit import config  # noqa: PLC0415

    return int(config.get_option("server.maxUploadSize"))


def streamlit_words_css(words: Words) -> str:
    """Streamlit's own words that no option sets, in the page's language: the empty list of a
    drop-down ("No results"), the file uploader's button ("Upload") and its limit ("48MB per file").
    A last resort (CSS `content:`): the English text is hidden, ours drawn."""
    if not words.is_vietnamese:
        return ""
    empty = words.text("no_results").replace('"', "")
    upload = words.text("uploader_button").replace('"', "")
    limit = words.text("uploader_limit", mb=upload_limit_mb()).replace('"', "")
    return f"""<style>
[data-testid="stFileUploaderDropzone"] [data-testid="stBaseButton-secondary"] [data-testid="stMarkdownContainer"] p {{font-size: 0;}}
[data-testid="stFileUploaderDropzone"] [data-testid="stBaseButton-secondary"] [data-testid="stMarkdownContainer"] p::after {{
  content: "{upload}"; font-size: 1rem;}}
[data-testid="stFileUploaderDropzoneInstructions"] span {{font-size: 0;}}
[data-testid="stFileUploaderDropzoneInstructions"] span::after {{content: "{limit}"; font-size: 0.875rem;}}
[data-testid="stSelectboxVirtualDropdown"] [role="option"][style*="display: contents"] > span,
[data-testid="stMultiSelectVirtualDropdown"] [role="option"][style*="display: contents"] > span {{visibility: hidden; font-size: 0;}}
[data-testid="stSelectboxVirtualDropdown"] [role="option"][style*="display: contents"] > span::after,
[data-testid="stMultiSelectVirtualDropdown"] [role="option"][style*="display: contents"] > span::after {{
  content: "{empty}"; visibility: visible; font-size: 0.9rem;}}
</style>"""
