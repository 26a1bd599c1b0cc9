// Messages of one area, English and Spanish side by side; merged into the
// catalogues by ../en.ts and ../es.ts. The compiler checks both have the same keys.
// Here: bad input found before any work (state folder, empty values, .env), and
// the notes that keep a person from a blank screen (CloudShell, slow AWS, resume).
export const en = {
  "input.stateDir": "--state-dir {dir} cannot hold msdemo's state: {reason}.",
  "input.stateDir.hint":
    "Choose a folder you can write to with --state-dir or MSDEMO_STATE_DIR (the default is ~/.msdemo).",
  "input.stateDir.notFolder": "{path} is not a folder",
  "input.stateDir.denied": "{path} cannot be written to",
  "input.stateDir.other": "{path}: {code}",
  "input.empty": "{option} was given an empty value.",
  "input.empty.hint": "Give {option} a value, or leave the option out to use the default.",
  "input.dotenvLine": "{file}:{line} is not a NAME=value line; it is ignored (the other lines are used).",
  "input.noProfile": 'The AWS profile "{profile}" does not exist in ~/.aws/config or ~/.aws/credentials.',
  "input.noProfile.hint":
    "Profiles there: {profiles}. Pass one with --profile (or AWS_PROFILE), or leave it out.",
  "input.noProfile.none": "none",
  "notes.cloudShell":
    "CloudShell ends a session after 20–30 minutes without typing, even while msdemo works. If that happens, open CloudShell again and run msdemo up: it resumes where it stopped.",
  "notes.alreadyDone": "Already done before this run, checked and kept: {steps}.",
  "notes.contactingAws": "contacting AWS ({region})…",
  "notes.interrupted": "Interrupted. What was made so far is recorded: run {command} again to carry on.",
  "notes.stepInterrupted": "{step}: interrupted",
  "help.logs.serviceArg": "[service]",
  "help.completion.shellArg": "<shell>",
  "aws.noAnswer": "AWS did not answer at {endpoint} (two attempts, {seconds} s of silence each).",
  "aws.noAnswer.hint":
    "Check the network, the region (--region) and --endpoint-url / AWS_ENDPOINT_URL if you set one, then run the command again.",
} as const;

export const es: Record<keyof typeof en, string> = {
  "input.stateDir": "--state-dir {dir} no puede guardar el estado de msdemo: {reason}.",
  "input.stateDir.hint":
    "Elige una carpeta en la que puedas escribir con --state-dir o MSDEMO_STATE_DIR (por defecto es ~/.msdemo).",
  "input.stateDir.notFolder": "{path} no es una carpeta",
  "input.stateDir.denied": "no se puede escribir en {path}",
  "input.stateDir.other": "{path}: {code}",
  "input.empty": "{option} recibió un valor vacío.",
  "input.empty.hint": "Dale un valor a {option}, u omite la opción para usar el valor por defecto.",
  "input.dotenvLine": "{file}:{line} no es una línea NOMBRE=valor; se ignora (las demás líneas se usan).",
  "input.noProfile": 'El perfil de AWS "{profile}" no existe en ~/.aws/config ni en ~/.aws/credentials.',
  "input.noProfile.hint":
    "Perfiles que hay: {profiles}. Indica uno con --profile (o AWS_PROFILE), u omítelo.",
  "input.noProfile.none": "ninguno",
  "notes.cloudShell":
    "CloudShell cierra la sesión tras 20–30 minutos sin escribir, aunque msdemo siga trabajando. Si pasa, abre CloudShell de nuevo y ejecuta msdemo up: continúa donde quedó.",
  "notes.alreadyDone": "Ya hecho antes de esta ejecución, comprobado y conservado: {steps}.",
  "notes.contactingAws": "contactando con AWS ({region})…",
  "notes.interrupted":
    "Interrumpido. Lo creado hasta ahora está registrado: ejecuta {command} de nuevo para continuar.",
  "notes.stepInterrupted": "{step}: interrumpido",
  "help.logs.serviceArg": "[servicio]",
  "help.completion.shellArg": "<intérprete>",
  "aws.noAnswer": "AWS no respondió en {endpoint} (dos intentos, {seconds} s de silencio cada uno).",
  "aws.noAnswer.hint":
    "Revisa la red, la región (--region) y --endpoint-url / AWS_ENDPOINT_URL si los indicaste, y ejecuta el comando otra vez.",
};
