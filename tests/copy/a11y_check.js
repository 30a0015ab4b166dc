// An accessibility check run inside the page (no network, no npm): the subset of axe-core's rules that a
// landing page can break. Returns a list of violations: {rule, detail}.
() => {
  const out = [];
  const add = (rule, detail) => out.push({ rule, detail });
  const visible = (el) => {
    const s = getComputedStyle(el);
    const r = el.getBoundingClientRect();
    return s.display !== 'none' && s.visibility !== 'hidden' && r.width > 1 && r.height > 1 && r.right > 0 && r.bottom > 0;
  };
  if (!document.documentElement.getAttribute('lang')) add('html-has-lang', 'no lang on <html>');
  if (!document.title.trim()) add('document-title', 'empty <title>');
  const h1 = document.querySelectorAll('h1');
  if (h1.length !== 1) add('page-has-one-h1', `${h1.length} h1 elements`);
  let last = 0;
  for (const h of document.querySelectorAll('h1,h2,h3,h4,h5,h6')) {
    const level = Number(h.tagName[1]);
    if (last && level > last + 1) add('heading-order', `${h.tagName} after h${last}: ${h.textContent.trim().slice(0, 40)}`);
    if (!h.textContent.trim()) add('empty-heading', h.outerHTML.slice(0, 80));
    last = level;
  }
  for (const img of document.querySelectorAll('img')) {
    if (!img.hasAttribute('alt') || !img.getAttribute('alt').trim()) add('image-alt', img.outerHTML.slice(0, 80));
  }
  for (const el of document.querySelectorAll('[role="img"]')) {
    if (!(el.getAttribute('aria-label') || '').trim()) add('role-img-alt', el.outerHTML.slice(0, 80));
  }
  const name = (el) => (el.getAttribute('aria-label') || '').trim() ||
    (el.getAttribute('aria-labelledby') || '').split(' ').map((id) => document.getElementById(id)?.textContent || '').join(' ').trim() ||
    (el.textContent || '').trim() || (el.getAttribute('title') || '').trim() ||
    Array.from(el.querySelectorAll('img')).map((i) => i.alt).join(' ').trim();
  for (const el of document.querySelectorAll('a[href],button,[role="button"]')) {
    if (!name(el)) add('link-name', el.outerHTML.slice(0, 80));
  }
  for (const el of document.querySelectorAll('input,select,textarea')) {
    const labelled = (el.id && document.querySelector(`label[for="${el.id}"]`)) || el.closest('label') || name(el);
    if (!labelled && el.type !== 'hidden') add('label', el.outerHTML.slice(0, 80));
  }
  const ids = new Map();
  for (const el of document.querySelectorAll('[id]')) ids.set(el.id, (ids.get(el.id) || 0) + 1);
  for (const [id, n] of ids) if (n > 1) add('duplicate-id', id);
  const meta = document.querySelector('meta[name="viewport"]');
  if (!meta || /user-scalable\s*=\s*no|maximum-scale\s*=\s*1(\.0)?\b/.test(meta.content)) add('meta-viewport', 'zoom blocked');
  // Colour contrast of every visible text node's element against its effective background.
  const parse = (c) => { const m = c.match(/rgba?\(([^)]+)\)/); if (!m) return null; const p = m[1].split(',').map(Number); return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 }; };
  const lum = (c) => { const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }; return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b); };
  const background = (el) => {
    let layers = [];
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (getComputedStyle(e).backgroundImage !== 'none' && e.tagName !== 'HTML') return null;
      if (c && c.a > 0) { layers.push(c); if (c.a >= 1) break; }
    }
    let bg = { r: 255, g: 255, b: 255 };
    for (const c of layers.reverse()) bg = { r: c.r * c.a + bg.r * (1 - c.a), g: c.g * c.a + bg.g * (1 - c.a), b: c.b * c.a + bg.b * (1 - c.a) };
    return bg;
  };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const seen = new Set();
  let checked = 0;
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const el = node.parentElement;
    if (!node.textContent.trim() || !el || seen.has(el) || !visible(el)) continue;
    if (el.closest('.visually-hidden')) continue;
    seen.add(el);
    const fg = parse(getComputedStyle(el).color);
    const bg = background(el);
    if (!fg || !bg) continue;
    const [a, b] = [lum(fg), lum(bg)];
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    const size = parseFloat(getComputedStyle(el).fontSize);
    const bold = Number(getComputedStyle(el).fontWeight) >= 700;
    const needed = (size >= 24 || (bold && size >= 18.66)) ? 3 : 4.5;
    checked += 1;
    if (ratio < needed) add('color-contrast', `${ratio.toFixed(2)} < ${needed}: ${node.textContent.trim().slice(0, 40)}`);
  }
  if (!checked) add('color-contrast', 'no text was checked');
  return out;
}
