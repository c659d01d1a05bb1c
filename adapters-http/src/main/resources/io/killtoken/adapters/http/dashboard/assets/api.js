// The dashboard's only way to the data: the admin API, with the session cookie and, for every
// change, the CSRF token. The token lives in this module's memory only (never in storage or a URL);
// after a reload it is read again from /api/v1/auth/me.

let csrf = null;

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || 'The request failed (' + status + ').');
    this.status = status;
    this.code = problem.code;
    this.requestId = problem.request_id;
  }
}

export function setCsrf(token) {
  csrf = token;
}

/** Calls the API; a 401 sends the browser to log in, and back here afterwards. */
export async function api(method, path, body) {
  const headers = {'Accept': 'application/json'};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrf) headers['X-CSRF-Token'] = csrf;
  const response = await fetch(path, {
    method, headers, credentials: 'same-origin', cache: 'no-store',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 204) return null;
  const text = await response.text();
  const data = text ? JSON.parse(text) : null;
  if (!response.ok) {
    const error = new ApiError(response.status, data || {});
    if (response.status === 401 && !path.startsWith('/api/v1/auth/')) {
      csrf = null;
      const here = location.pathname + location.search;
      window.dispatchEvent(new CustomEvent('kt:expired', {detail: here}));
    }
    throw error;
  }
  return data;
}

export const get = path => api('GET', path);
export const post = (path, body = {}) => api('POST', path, body);
export const patch = (path, body) => api('PATCH', path, body);
export const del = (path, body) => api('DELETE', path, body);

/** `?a=1&b=2` from an object, leaving out empty values. */
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== '' && v !== null && v !== undefined) q.set(k, v);
  const s = q.toString();
  return s ? '?' + s : '';
}
