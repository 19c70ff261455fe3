// Small DOM and text helpers. Views are built with h(), which sets text
// with textContent only: names and addresses never become markup.

let strings = {};
let lang = 'zh-Hans';

export function setStrings(s, tag) {
  strings = s || {};
  lang = tag || lang;
}

// t returns the message key with {name} placeholders filled, or the key.
export function t(key, vars) {
  let s = strings[key] ?? key;
  if (vars) s = s.replace(/\{(\w+)\}/g, (m, k) => (k in vars ? String(vars[k]) : m));
  return s;
}

// tn is t with one placeholder filled by a node (a phone number, a name),
// kept where the language puts it.
export function tn(key, name, node) {
  const [a, ...rest] = t(key).split(`{${name}}`);
  return rest.length ? [a, node, rest.join('')] : [a, ' ', node];
}

// h makes an element: attrs are attributes (true for a bare one; false,
// null and undefined are left out), on* functions become listeners.
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === false || v === null || v === undefined) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'value') el.value = v;
    else if (k === 'checked') el.checked = !!v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false || c === '') continue;
    if (Array.isArray(c)) append(el, c);
    else el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

// Times are shown in China Standard Time, whatever the phone's zone.
export const TZ = 'Asia/Shanghai';

function formatter(opts) {
  try {
    return new Intl.DateTimeFormat([lang, 'zh-CN'], { timeZone: TZ, ...opts });
  } catch {
    return new Intl.DateTimeFormat('zh-CN', { timeZone: TZ, ...opts });
  }
}

let timeFmt, dateFmt;

// hm formats a time as HH:MM; a value that already is one is kept.
export function hm(v) {
  if (!v) return '';
  if (/^\d{1,2}:\d{2}/.test(v)) return v.slice(0, 5);
  const d = new Date(v);
  if (Number.isNaN(d.getTime())) return String(v);
  timeFmt ||= formatter({ hour: '2-digit', minute: '2-digit', hourCycle: 'h23', numberingSystem: 'latn' });
  return timeFmt.format(d);
}

// dateLabel formats a YYYY-MM-DD day for a heading. Browsers often lack
// Uyghur and Kazakh date names; rather than Chinese ones, those get the
// plain date.
export function dateLabel(day) {
  const d = new Date(`${day}T12:00:00+08:00`);
  if (Number.isNaN(d.getTime())) return day;
  if (!supported()) return day;
  dateFmt ||= formatter({ month: 'long', day: 'numeric', weekday: 'short', numberingSystem: 'latn' });
  return dateFmt.format(d);
}

function supported() {
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([lang]).length > 0;
  } catch {
    return false;
  }
}

const dayFmt = new Intl.DateTimeFormat('en-CA', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit' });

// dayOf returns the YYYY-MM-DD day of a moment in China Standard Time
// (which has no daylight saving, so adding 24 h gives the next day).
export function dayOf(ms = Date.now()) {
  return dayFmt.format(new Date(ms));
}

// metres formats a distance.
export function metres(m) {
  if (!Number.isFinite(m)) return '';
  return m < 1000 ? `${Math.round(m)} m` : `${(m / 1000).toFixed(1)} km`;
}
