/*
 * Frontier Engage pages (the developer portal, the agency documents page): what both build their
 * page with. Every value is put in the page as text, never as markup.
 */
'use strict';

/** An element with attributes (on... are listeners) and children (text or nodes). */
function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on')) node.addEventListener(name.substring(2), value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** A moment as the pages show it: "2026-12-01 09:00 UTC". */
function when(instant) {
  if (!instant) return '';
  return new Date(instant).toISOString().replace('T', ' ').replace(/:\d\d\.\d+Z$/, ' UTC').replace(/:\d\dZ$/, ' UTC');
}

/** A size in bytes, KiB or MiB. */
function size(bytes) {
  return bytes < 1024 ? bytes + ' B' : bytes < 1048576 ? Math.round(bytes / 1024) + ' KiB' : (bytes / 1048576).toFixed(1) + ' MiB';
}
