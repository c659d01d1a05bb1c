// Builds elements from data without ever parsing it as HTML: text is always a text node.

/** h('a', {href: '/keys', onclick: f}, 'Keys', …) */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on')) el.addEventListener(name.slice(2), value);
    else if (name === 'class') el.className = value;
    else if (value === true) el.setAttribute(name, '');
    else el.setAttribute(name, String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces what `el` holds. */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

export function usd(value) {
  const n = Number(value || 0);
  if (n !== 0 && Math.abs(n) < 0.01) return '$' + n.toFixed(6);
  return n.toLocaleString('en-US', {style: 'currency', currency: 'USD'});
}

export function count(value) {
  return Number(value || 0).toLocaleString('en-US');
}

export function percent(part, whole) {
  return whole ? (100 * part / whole).toFixed(1) + '%' : '—';
}

export function when(instant) {
  if (!instant) return '—';
  const d = new Date(instant);
  return d.toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
}

/** A labelled form field: the label names the input, so screen readers and tests find it. */
export function field(label, input, hint) {
  const id = input.id || 'f-' + Math.random().toString(36).slice(2);
  input.id = id;
  return h('div', {class: 'field'}, h('label', {for: id}, label), input,
    hint ? h('small', {class: 'hint'}, hint) : null);
}

/** A table with a header row; `rows` are arrays of cells (text or elements). */
export function table(caption, headers, rows, empty = 'Nothing yet.') {
  if (!rows.length) return h('p', {class: 'muted'}, empty);
  return h('div', {class: 'scroll'}, h('table', {},
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, headers.map(t => h('th', {scope: 'col'}, t)))),
    h('tbody', {}, rows.map(r => h('tr', {}, r.map(c => h('td', {}, c)))))));
}

/** A message box: role=alert for errors, status for the rest. */
export function notice(kind, ...text) {
  return h('div', {class: 'notice ' + kind, role: kind === 'error' ? 'alert' : 'status'}, ...text);
}
