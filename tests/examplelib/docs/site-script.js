// A site's own script (extra_javascript), written the way mkdocs-material's users write them: it relies on
// the theme's document$ and on DOMContentLoaded. docsgen may run the theme's scripts after the page loaded
// (tests/browser/test_theme_later.py checks that this one still sees both).
document.addEventListener("DOMContentLoaded", () => {
  document.documentElement.dataset.siteScript = "loaded";
});
document$.subscribe(() => {
  window.siteScriptPages = (window.siteScriptPages || 0) + 1;
});
