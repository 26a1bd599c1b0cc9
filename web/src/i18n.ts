// The page's own message catalogue, English and Spanish side by side like the
// CLI's (src/i18n/areas). Kept apart from the CLI's: the page ships only these
// few strings to the browser, not the whole command-line catalogue.
export const en = {
  "app.title": "msdemo shop",
  "app.subtitle": "The course's microservices, from a browser: every call goes through the gateway.",
  "lang.label": "Language",
  "account.heading": "Account",
  "account.username": "Username",
  "account.usernameHint": "3 or more letters, digits, _ . or -",
  "account.password": "Password",
  "account.passwordHint": "8 characters or more",
  "account.register": "Register",
  "account.login": "Log in",
  "account.logout": "Log out",
  "account.signedIn": "Signed in as {username}.",
  "account.registered": "Account {username} created. You can log in now.",
  "account.taken": "The username {username} is taken.",
  "account.badLogin": "Wrong username or password.",
  "account.loggedOut": "You have logged out.",
  "account.expired": "Your session has ended; log in again.",
  "products.heading": "Products",
  "products.name": "Product",
  "products.price": "Price",
  "products.empty": "No products yet.",
  "products.reload": "Reload products",
  "order.heading": "Place an order",
  "order.item": "Product",
  "order.quantity": "Quantity",
  "order.submit": "Place order",
  "order.needLogin": "Log in to place and see orders.",
  "order.placed": "Order placed: {quantity} × {item}.",
  "orders.heading": "My orders",
  "orders.number": "No.",
  "orders.item": "Item",
  "orders.quantity": "Quantity",
  "orders.empty": "No orders yet.",
  "orders.reload": "Reload my orders",
  "calls.heading": "Who answered",
  "arch.browser": "Browser",
  "arch.gateway": "Gateway",
  "calls.intro": "Each call from this page, the service the gateway sent it to, and how long it took.",
  "calls.call": "Call",
  "calls.service": "Service",
  "calls.status": "Status",
  "calls.time": "Time",
  "calls.empty": "No calls yet.",
  "calls.ms": "{ms} ms",
  "error.refused": "The service refused it: {message}",
  "error.busy": "The service is busy or starting; try again in a moment.",
  "error.unreachable": "The API could not be reached.",
  "error.timeout": "No answer within {seconds} s.",
  "error.status": "Unexpected answer {status}.",
} as const;

export type MessageKey = keyof typeof en;

export const es: Record<MessageKey, string> = {
  "app.title": "Tienda msdemo",
  "app.subtitle": "Los microservicios del curso, desde un navegador: cada llamada pasa por el gateway.",
  "lang.label": "Idioma",
  "account.heading": "Cuenta",
  "account.username": "Usuario",
  "account.usernameHint": "3 o más letras, dígitos, _ . o -",
  "account.password": "Contraseña",
  "account.passwordHint": "8 caracteres o más",
  "account.register": "Registrarse",
  "account.login": "Iniciar sesión",
  "account.logout": "Cerrar sesión",
  "account.signedIn": "Sesión iniciada como {username}.",
  "account.registered": "Cuenta {username} creada. Ya puedes iniciar sesión.",
  "account.taken": "El usuario {username} ya existe.",
  "account.badLogin": "Usuario o contraseña incorrectos.",
  "account.loggedOut": "Has cerrado la sesión.",
  "account.expired": "Tu sesión ha terminado; inicia sesión de nuevo.",
  "products.heading": "Productos",
  "products.name": "Producto",
  "products.price": "Precio",
  "products.empty": "Aún no hay productos.",
  "products.reload": "Recargar productos",
  "order.heading": "Hacer un pedido",
  "order.item": "Producto",
  "order.quantity": "Cantidad",
  "order.submit": "Hacer pedido",
  "order.needLogin": "Inicia sesión para hacer y ver pedidos.",
  "order.placed": "Pedido hecho: {quantity} × {item}.",
  "orders.heading": "Mis pedidos",
  "orders.number": "N.º",
  "orders.item": "Artículo",
  "orders.quantity": "Cantidad",
  "orders.empty": "Aún no hay pedidos.",
  "orders.reload": "Recargar mis pedidos",
  "calls.heading": "Quién respondió",
  "arch.browser": "Navegador",
  "arch.gateway": "Gateway",
  "calls.intro": "Cada llamada de esta página, el servicio al que la envió el gateway y cuánto tardó.",
  "calls.call": "Llamada",
  "calls.service": "Servicio",
  "calls.status": "Estado",
  "calls.time": "Tiempo",
  "calls.empty": "Aún no hay llamadas.",
  "calls.ms": "{ms} ms",
  "error.refused": "El servicio lo rechazó: {message}",
  "error.busy": "El servicio está ocupado o arrancando; inténtalo de nuevo en un momento.",
  "error.unreachable": "No se pudo llegar a la API.",
  "error.timeout": "Sin respuesta en {seconds} s.",
  "error.status": "Respuesta inesperada {status}.",
};

export type Language = "en" | "es";
export const LANGUAGES: readonly Language[] = ["en", "es"];
const CATALOGUES: Record<Language, Record<MessageKey, string>> = { en, es };

/** The language to start in: the one chosen before, else the browser's, else English. */
export function pickLanguage(saved: string | null, browser: readonly string[]): Language {
  for (const candidate of [saved, ...browser]) {
    const base = candidate?.toLowerCase().split("-")[0];
    if (base === "en" || base === "es") return base;
  }
  return "en";
}

export function translate(
  language: Language,
  key: MessageKey,
  params: Record<string, string | number> = {},
): string {
  return CATALOGUES[language][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}
