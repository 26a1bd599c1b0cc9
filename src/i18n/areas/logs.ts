// Messages of one area, English and Spanish side by side: only "logs.*" keys.
// `msdemo logs --gateway`: the API's access log read back from CloudWatch Logs.
// How to add a message: see ../index.ts.
import type { Spanish } from "../types.js";

export const en = {
  "logs.serviceOrGateway": "Name a service ({services}) or use --gateway.",
  "logs.gatewayWithService": "--gateway reads the API's access log: leave out the service ({service}).",
  "logs.gatewayFollow": "--follow is for a service's pods; --gateway prints the recent lines once.",
  "logs.badLines": "--lines must be a whole number from 1 to 10000, got {value}.",
  "logs.linesGatewayOnly": "--lines is for --gateway; a service's logs take --since.",
  "logs.gateway.none": "No access-log lines in {group} for that window.",
  "logs.gateway.line": "{time}  {method} {route}  {status}  {latency} ms",
} as const;

export const es: Spanish<typeof en> = {
  "logs.serviceOrGateway": "Indica un servicio ({services}) o usa --gateway.",
  "logs.gatewayWithService": "--gateway lee el log de acceso de la API: quita el servicio ({service}).",
  "logs.gatewayFollow":
    "--follow es para los pods de un servicio; --gateway imprime las líneas recientes una vez.",
  "logs.badLines": "--lines debe ser un número entero de 1 a 10000; se recibió {value}.",
  "logs.linesGatewayOnly": "--lines es para --gateway; los logs de un servicio usan --since.",
  "logs.gateway.none": "No hay líneas del log de acceso en {group} para ese intervalo.",
  "logs.gateway.line": "{time}  {method} {route}  {status}  {latency} ms",
};
