// Messages of one area, English and Spanish side by side; merged into the
// catalogues by ../en.ts and ../es.ts. The compiler checks both have the same keys.
export const en = {
  // Which stack a state file belongs to
  "state.otherRegion":
    "The state of stack {stack} in {path} belongs to region {stateRegion} (account {stateAccount}), not {region}.",
  "state.otherRegion.hint":
    "Use --region {stateRegion} to work on that stack; for a stack in {region} use another --stack or --state-dir (one state per stack per region).",
  "state.otherAccount":
    "The state of stack {stack} in {path} belongs to account {stateAccount} (region {stateRegion}); these credentials are account {account}.",
  "state.otherAccount.hint":
    "Use the credentials (--profile) of account {stateAccount}; for a stack in account {account} use another --stack or --state-dir.",
  "state.unknownAccount": "unknown",
  "state.setAside":
    "{reason} Teardown goes on without it, finding the stack's resources by name and tag; the file is kept as {aside}.",
} as const;

export const es: Record<keyof typeof en, string> = {
  "state.otherRegion":
    "El estado del stack {stack} en {path} pertenece a la región {stateRegion} (cuenta {stateAccount}), no a {region}.",
  "state.otherRegion.hint":
    "Usa --region {stateRegion} para trabajar con ese stack; para un stack en {region} usa otro --stack u otro --state-dir (un estado por stack y región).",
  "state.otherAccount":
    "El estado del stack {stack} en {path} pertenece a la cuenta {stateAccount} (región {stateRegion}); estas credenciales son de la cuenta {account}.",
  "state.otherAccount.hint":
    "Usa las credenciales (--profile) de la cuenta {stateAccount}; para un stack en la cuenta {account} usa otro --stack u otro --state-dir.",
  "state.unknownAccount": "desconocida",
  "state.setAside":
    "{reason} El teardown sigue sin él y encuentra los recursos del stack por nombre y etiqueta; el archivo se guarda como {aside}.",
};
