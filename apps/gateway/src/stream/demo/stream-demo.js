// The client side of GET /api/connection/stream, for dashboard authors. A browser's EventSource
// cannot send an Authorization header, so the page trades its access token for a ticket (single
// use, 60 s) and opens the stream with it. A ticket opens one stream once: EventSource's own
// reconnect would present the used ticket again and fail, so on an error the page closes the
// EventSource and opens a new one with a new ticket, passing the last event id it saw as
// `last_event_id`; the stream then sends what was missed, each event once. `event: reset` means
// events were missed beyond what the stream keeps (15 min by default): refetch what the page
// shows over REST, then carry on. Heartbeat comments every 15 s keep the connection open; the
// browser does not surface them.
'use strict';

const KINDS = ['notification', 'message', 'lead', 'quote', 'milestone', 'escrow', 'job'];
const RECONNECT_MS = 2000;

const session = { accessToken: null, refreshToken: null, lastEventId: null, source: null };
const byId = (id) => document.getElementById(id);

function setStatus(text, state) {
  const status = byId('status');
  status.textContent = text;
  status.dataset.state = state;
}

async function call(method, path, body) {
  const headers = { 'content-type': 'application/json' };
  if (session.accessToken) headers.authorization = `Bearer ${session.accessToken}`;
  const response = await fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const answer = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${answer.code ?? ''}`);
  return answer;
}

async function signIn(email, password) {
  const tokens = await call('POST', '/api/auth/login', { email, password });
  session.accessToken = tokens.access_token;
  session.refreshToken = tokens.refresh_token;
}

/** A ticket; an access token that expired (15 min) is refreshed once first. */
async function newTicket() {
  try {
    return (await call('POST', '/api/connection/stream/tickets')).ticket;
  } catch {
    const tokens = await call('POST', '/api/auth/refresh', {
      refresh_token: session.refreshToken,
    });
    session.accessToken = tokens.access_token;
    session.refreshToken = tokens.refresh_token;
    return (await call('POST', '/api/connection/stream/tickets')).ticket;
  }
}

async function connect() {
  const query = new URLSearchParams({ ticket: await newTicket() });
  if (session.lastEventId !== null) query.set('last_event_id', session.lastEventId);
  const source = new EventSource(`/api/connection/stream?${query}`);
  session.source = source;
  source.onopen = () => setStatus('connected', 'live');
  source.onerror = () => {
    // A fresh ticket per connection: never let EventSource retry with the used one.
    source.close();
    setStatus('reconnecting…', 'error');
    setTimeout(() => connect().catch(failed), RECONNECT_MS);
  };
  for (const kind of KINDS) source.addEventListener(kind, (event) => show(kind, event));
  source.addEventListener('reset', (event) => show('reset', event));
}

function show(kind, event) {
  session.lastEventId = event.lastEventId;
  const data = JSON.parse(event.data);
  const item = document.createElement('li');
  item.dataset.kind = kind;
  const title = document.createElement('span');
  title.className = 'kind';
  title.textContent = `#${event.lastEventId} ${kind}${data.event_type ? ` (${data.event_type})` : ''}`;
  item.append(title);
  if (kind === 'notification') appendText(item, `${data.title}: ${data.body}`);
  if (kind === 'message') showMessage(item, data).catch(failed);
  if (kind === 'reset') appendText(item, data.message);
  const details = document.createElement('pre');
  details.textContent = JSON.stringify(data, null, 2);
  item.append(details);
  byId('events').prepend(item);
}

/** The stream names the message; its text comes from the conversation, over REST. */
async function showMessage(item, data) {
  const page = await call(
    'GET',
    `/api/connection/conversations/${data.conversation_id}/messages?limit=20`,
  );
  const message = page.messages.find((candidate) => candidate.message_id === data.message_id);
  if (message)
    appendText(item, `${message.sender_role}: ${message.body ?? message.attachment_url}`);
}

function appendText(item, text) {
  const line = document.createElement('span');
  line.className = 'text';
  line.textContent = text;
  item.append(line);
}

function failed(error) {
  setStatus(error.message, 'error');
}

byId('sign-in').addEventListener('submit', (event) => {
  event.preventDefault();
  session.source?.close();
  setStatus('signing in…', 'idle');
  signIn(byId('email').value, byId('password').value).then(connect).catch(failed);
});
