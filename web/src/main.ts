// The page: plain DOM on the HTML of index.html. Every text node that speaks
// comes from the catalogue (i18n.ts) and is set with textContent, never as HTML:
// product names and order items are whatever a caller posted.
import { Api, CALL_TIMEOUT_MS, type CallRecord, type Order, type Outcome, type Product } from "./api.js";
import { LANGUAGES, type Language, type MessageKey, pickLanguage, translate } from "./i18n.js";

type Params = Record<string, string | number>;

/** What survives a reload: the token lives only as long as the tab (sessionStorage). */
interface Session {
  username: string;
  token: string;
}

const LANG_KEY = "msdemo.lang";
const SESSION_KEY = "msdemo.session";
const CALLS_SHOWN = 12;

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

const ui = {
  lang: byId<HTMLSelectElement>("lang"),
  status: byId<HTMLParagraphElement>("status"),
  accountForm: byId<HTMLFormElement>("account-form"),
  username: byId<HTMLInputElement>("username"),
  password: byId<HTMLInputElement>("password"),
  signedIn: byId<HTMLDivElement>("signed-in"),
  who: byId<HTMLParagraphElement>("who"),
  logout: byId<HTMLButtonElement>("logout"),
  products: byId<HTMLTableSectionElement>("products"),
  reloadProducts: byId<HTMLButtonElement>("reload-products"),
  needLogin: byId<HTMLParagraphElement>("need-login"),
  orderForm: byId<HTMLFormElement>("order-form"),
  orderFields: byId<HTMLFieldSetElement>("order-fields"),
  item: byId<HTMLSelectElement>("item"),
  quantity: byId<HTMLInputElement>("quantity"),
  orders: byId<HTMLTableSectionElement>("orders"),
  reloadOrders: byId<HTMLButtonElement>("reload-orders"),
  arch: byId<HTMLOListElement>("arch"),
  calls: byId<HTMLTableSectionElement>("calls"),
};

const state = {
  language: pickLanguage(localStorage.getItem(LANG_KEY), navigator.languages),
  session: readSession(),
  products: [] as Product[],
  orders: [] as Order[],
  calls: [] as CallRecord[],
  /** The last message, kept as key + params so a language switch rewords it. */
  status: undefined as { key: MessageKey; params: Params; error: boolean } | undefined,
};

const api = new Api((record) => {
  state.calls = [record, ...state.calls].slice(0, CALLS_SHOWN);
  renderCalls();
});

const say = (key: MessageKey, params: Params = {}) => translate(state.language, key, params);

function readSession(): Session | undefined {
  try {
    const saved = JSON.parse(sessionStorage.getItem(SESSION_KEY) ?? "null") as Partial<Session> | null;
    if (typeof saved?.username === "string" && typeof saved.token === "string") {
      return { username: saved.username, token: saved.token };
    }
  } catch {
    // A damaged entry is the same as none.
  }
  return undefined;
}

function setSession(session: Session | undefined): void {
  state.session = session;
  if (session) sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
  else sessionStorage.removeItem(SESSION_KEY);
  if (!session) state.orders = [];
  renderAccount();
  renderOrders();
}

function setStatus(key: MessageKey, params: Params = {}, error = false): void {
  state.status = { key, params, error };
  renderStatus();
}

/** The words for a failed call; 401s and 409s are worded by the caller, who knows what they mean. */
function failure(outcome: Exclude<Outcome<unknown>, { ok: true }>): void {
  if (outcome.status === null) {
    if (outcome.problem === "timeout") setStatus("error.timeout", { seconds: CALL_TIMEOUT_MS / 1000 }, true);
    else setStatus("error.unreachable", {}, true);
  } else if (outcome.status === 503 || outcome.status === 502 || outcome.status === 504) {
    setStatus("error.busy", {}, true);
  } else if (outcome.message) {
    // The service's own words (the API's contract is English).
    setStatus("error.refused", { message: outcome.message }, true);
  } else {
    setStatus("error.status", { status: outcome.status }, true);
  }
}

function row(cells: (string | { text: string; numeric: true })[]): HTMLTableRowElement {
  const tr = document.createElement("tr");
  for (const cell of cells) {
    const td = document.createElement("td");
    if (typeof cell === "string") td.textContent = cell;
    else {
      td.textContent = cell.text;
      td.className = "num";
    }
    tr.append(td);
  }
  return tr;
}

function emptyRow(columns: number, key: MessageKey): HTMLTableRowElement {
  const tr = document.createElement("tr");
  const td = document.createElement("td");
  td.colSpan = columns;
  td.className = "empty";
  td.textContent = say(key);
  tr.append(td);
  return tr;
}

/** Prices arrive as exact decimal strings; Intl formats such a string without a detour through a double. */
function price(value: string | null): string {
  if (value === null || !/^-?\d+(\.\d+)?$/.test(value)) return value ?? "—";
  return new Intl.NumberFormat(state.language, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(
    value as `${number}`,
  );
}

function renderTexts(): void {
  document.documentElement.lang = state.language;
  document.title = say("app.title");
  for (const node of document.querySelectorAll<HTMLElement>("[data-i18n]")) {
    node.textContent = say(node.dataset.i18n as MessageKey);
  }
  ui.lang.value = state.language;
}

function renderStatus(): void {
  const status = state.status;
  ui.status.textContent = status ? say(status.key, status.params) : "";
  ui.status.className = status?.error ? "error" : "";
}

function renderAccount(): void {
  const session = state.session;
  ui.accountForm.hidden = session !== undefined;
  ui.signedIn.hidden = session === undefined;
  ui.who.textContent = session ? say("account.signedIn", { username: session.username }) : "";
  ui.orderFields.disabled = session === undefined;
  ui.needLogin.hidden = session !== undefined;
  ui.reloadOrders.disabled = session === undefined;
}

function renderProducts(): void {
  ui.products.replaceChildren(
    ...(state.products.length
      ? state.products.map((p) => row([p.name ?? "—", { text: price(p.price), numeric: true }]))
      : [emptyRow(2, "products.empty")]),
  );
  const chosen = ui.item.value;
  ui.item.replaceChildren(
    ...state.products
      .filter((p) => p.name)
      .map((p) => {
        const option = document.createElement("option");
        option.value = option.textContent = p.name!;
        return option;
      }),
  );
  if (chosen) ui.item.value = chosen;
}

function renderOrders(): void {
  ui.orders.replaceChildren(
    ...(state.orders.length
      ? state.orders.map((o) =>
          row([
            { text: String(o.id), numeric: true },
            o.item ?? "—",
            { text: o.quantity === null ? "—" : String(o.quantity), numeric: true },
          ]),
        )
      : [emptyRow(3, "orders.empty")]),
  );
}

function renderCalls(): void {
  ui.calls.replaceChildren(
    ...(state.calls.length
      ? state.calls.map((c) =>
          row([
            `${c.method} ${c.path}`,
            c.service ?? "—",
            { text: c.status === null ? "—" : String(c.status), numeric: true },
            { text: say("calls.ms", { ms: c.ms }), numeric: true },
          ]),
        )
      : [emptyRow(4, "calls.empty")]),
  );
  const latest = state.calls[0]?.service;
  for (const node of ui.arch.querySelectorAll<HTMLElement>("[data-service]")) {
    if (node.dataset.service === latest) node.setAttribute("aria-current", "true");
    else node.removeAttribute("aria-current");
  }
}

function render(): void {
  renderTexts();
  renderStatus();
  renderAccount();
  renderProducts();
  renderOrders();
  renderCalls();
}

async function loadProducts(): Promise<void> {
  const outcome = await api.products();
  if (!outcome.ok) return failure(outcome);
  state.products = Array.isArray(outcome.body) ? outcome.body : [];
  renderProducts();
}

async function loadOrders(): Promise<void> {
  const session = state.session;
  if (!session) return;
  const outcome = await api.orders(session.token);
  if (outcome.status === 401) {
    setSession(undefined);
    return setStatus("account.expired", {}, true);
  }
  if (!outcome.ok) return failure(outcome);
  state.orders = Array.isArray(outcome.body) ? outcome.body : [];
  renderOrders();
}

async function onAccount(event: SubmitEvent): Promise<void> {
  event.preventDefault();
  const action = (event.submitter as HTMLButtonElement | null)?.value === "register" ? "register" : "login";
  const username = ui.username.value.trim();
  const password = ui.password.value;
  if (action === "register") {
    const outcome = await api.register(username, password);
    if (outcome.ok) return setStatus("account.registered", { username });
    if (outcome.status === 409) return setStatus("account.taken", { username }, true);
    return failure(outcome);
  }
  const outcome = await api.login(username, password);
  if (outcome.status === 401) return setStatus("account.badLogin", {}, true);
  if (!outcome.ok) return failure(outcome);
  const token = outcome.body?.token;
  if (typeof token !== "string") return setStatus("error.status", { status: outcome.status }, true);
  ui.password.value = "";
  setSession({ username, token });
  setStatus("account.signedIn", { username });
  await loadOrders();
  ui.logout.focus();
}

async function onOrder(event: SubmitEvent): Promise<void> {
  event.preventDefault();
  const session = state.session;
  if (!session) return;
  const item = ui.item.value;
  const quantity = ui.quantity.valueAsNumber;
  const outcome = await api.order(session.token, item, quantity);
  if (outcome.status === 401) {
    setSession(undefined);
    return setStatus("account.expired", {}, true);
  }
  if (!outcome.ok) return failure(outcome);
  setStatus("order.placed", { item, quantity });
  await loadOrders();
}

function onLogout(): void {
  setSession(undefined);
  setStatus("account.loggedOut");
  ui.username.focus();
}

function onLanguage(): void {
  const chosen = ui.lang.value as Language;
  if (!LANGUAGES.includes(chosen)) return;
  state.language = chosen;
  localStorage.setItem(LANG_KEY, chosen);
  render();
}

ui.accountForm.addEventListener("submit", (event) => void onAccount(event));
ui.orderForm.addEventListener("submit", (event) => void onOrder(event));
ui.logout.addEventListener("click", onLogout);
ui.reloadProducts.addEventListener("click", () => void loadProducts());
ui.reloadOrders.addEventListener("click", () => void loadOrders());
ui.lang.addEventListener("change", onLanguage);

render();
void loadProducts().then(loadOrders);
