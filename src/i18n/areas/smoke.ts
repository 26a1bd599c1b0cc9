// Messages of one area, English and Spanish side by side: only "smoke.*" keys.
// `msdemo smoke`: its calls and what can go wrong with them.
// How to add a message: see ../index.ts.
import type { Spanish } from "../types.js";

export const en = {
  "smoke.warmingUp":
    "The API answers {status}: the load balancers are still warming up; retrying ({seconds} s of at most {limit} s)",
  "smoke.against": "Smoke test against {url}",
  "smoke.passed": "All {count} calls passed.",
  "smoke.failed": "{failed} of {count} calls failed.",
  "smoke.call.register": "register a fresh user",
  "smoke.call.login": "log in",
  "smoke.call.products": "list products",
  "smoke.call.order": "create an order",
  "smoke.call.orders": "list my orders",
  "smoke.call.no-token": "order without a token",
  "smoke.call.page": "load the web page",
  "smoke.call.asset": "load one of its files",
  "smoke.problem.unexpected-status": "expected {expected}",
  "smoke.problem.no-token-returned": "no token in the answer",
  "smoke.problem.no-products": "no products listed",
  "smoke.problem.order-missing": "the new order is not listed",
  "smoke.problem.not-the-page": "not the msdemo web page",
  "smoke.problem.wrong-type": "served with the wrong content type",
  "smoke.problem.not-the-gateway": "refused by the service, not by the gateway's token check",
} as const;

export const es: Spanish<typeof en> = {
  "smoke.warmingUp":
    "La API responde {status}: los balanceadores de carga aún se están preparando; se reintenta ({seconds} s de {limit} s como máximo)",
  "smoke.against": "Prueba de humo contra {url}",
  "smoke.passed": "Las {count} llamadas funcionaron.",
  "smoke.failed": "{failed} de {count} llamadas fallaron.",
  "smoke.call.register": "registrar un usuario nuevo",
  "smoke.call.login": "iniciar sesión",
  "smoke.call.products": "listar productos",
  "smoke.call.order": "crear un pedido",
  "smoke.call.orders": "listar mis pedidos",
  "smoke.call.no-token": "pedido sin token",
  "smoke.call.page": "cargar la página web",
  "smoke.call.asset": "cargar uno de sus ficheros",
  "smoke.problem.unexpected-status": "se esperaba {expected}",
  "smoke.problem.no-token-returned": "la respuesta no trae token",
  "smoke.problem.no-products": "no se listó ningún producto",
  "smoke.problem.order-missing": "el pedido nuevo no aparece",
  "smoke.problem.not-the-page": "no es la página web de msdemo",
  "smoke.problem.wrong-type": "servido con un tipo de contenido equivocado",
  "smoke.problem.not-the-gateway": "lo rechazó el servicio, no la comprobación de token del gateway",
};
