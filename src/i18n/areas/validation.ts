// Messages of one area, English and Spanish side by side: only "validation.*" keys.
// Bad input found before any work, each with what was expected.
// How to add a message: see ../index.ts.
import type { Spanish } from "../types.js";

export const en = {
  // Validation
  "validation.got": '(got "{value}")',
  "validation.stack": "must start with a-z and use only a-z, 0-9 and -, at most 40 characters",
  "validation.region": "is not a known AWS region (for example us-east-1)",
  "validation.url": "must be a URL such as http://127.0.0.1:5000",
  "validation.steps": "must be among {steps}",
  "validation.vpcId": "must look like vpc-0123abcd",
  "validation.cidr": "must be an IPv4 CIDR such as 203.0.113.7/32",
  "validation.roleArn": "must be an IAM role ARN: arn:aws:iam::<account>:role/<name>",
  "validation.instanceType": "must be an EC2 instance type such as t3.medium",
  "validation.dbClass": "must be an RDS instance class such as db.t3.micro",
  "validation.k8sVersion": "must be a Kubernetes minor version such as 1.35",
  "validation.dbEngineVersion": "must be a PostgreSQL version RDS offers, such as 17.6",
  "validation.oneOf": "must be one of {values}",
  "validation.range": "must be a whole number from {min} to {max}",
  "validation.minOverDesired": "({min}) must not exceed --nodes ({desired})",
  "validation.desiredOverMax": "({desired}) must not exceed --max-nodes ({max})",
  "validation.invalid": "is not valid",
  "validation.regionRequired":
    "--region is required: no region in the environment (AWS_REGION) or the profile",
  "validation.regionRequired.hint": "pass --region us-east-1",
  "validation.unknownStep": "--steps names a step this msdemo does not have yet: {steps}",
  "validation.unknownStep.hint": "available: {steps}",
  "validation.stepNeeds": "step {step} needs the {need} step, which has not completed",
  "validation.stepNeeds.hint": "add it: --steps {steps}",
  "validation.needsYes": "msdemo {command} changes your AWS account and there is no terminal to confirm it",
  "validation.needsYes.hint": "pass --yes",
  "validation.stepNeedsTty": "--step pauses before each step to ask you, so it needs a terminal",
  "validation.stepNeedsTty.hint": "run it in a terminal, or drop --step",
  "validation.learnerLab":
    "This is an AWS Academy Learner Lab account ({evidence}), which does not allow:\n  {problems}",
  "validation.stateDir": "--state-dir {dir} cannot hold msdemo's state: {reason}.",
  "validation.stateDir.hint":
    "Choose a folder you can write to with --state-dir or MSDEMO_STATE_DIR (the default is ~/.msdemo).",
  "validation.stateDir.notFolder": "{path} is not a folder",
  "validation.stateDir.denied": "{path} cannot be written to",
  "validation.stateDir.blocked": "a folder on the way to {path} cannot be entered",
  "validation.stateDir.other": "{path}: {code}",
  "validation.empty": "{option} was given an empty value.",
  "validation.empty.hint": "Give {option} a value, or leave the option out to use the default.",
  "validation.dotenvLine":
    "{file}:{line} is not a NAME=value line; it is ignored (the other lines are used).",
  "validation.noProfile":
    'The AWS profile "{profile}" does not exist in ~/.aws/config or ~/.aws/credentials.',
  "validation.noProfile.hint":
    "Profiles there: {profiles}. Pass one with --profile (or AWS_PROFILE), or leave it out.",
  "validation.noProfile.none": "none",
} as const;

export const es: Spanish<typeof en> = {
  "validation.got": '(se recibió "{value}")',
  "validation.stack": "debe empezar con a-z y usar solo a-z, 0-9 y -, como máximo 40 caracteres",
  "validation.region": "no es una región de AWS conocida (por ejemplo us-east-1)",
  "validation.url": "debe ser una URL como http://127.0.0.1:5000",
  "validation.steps": "debe estar entre {steps}",
  "validation.vpcId": "debe tener la forma vpc-0123abcd",
  "validation.cidr": "debe ser un CIDR IPv4 como 203.0.113.7/32",
  "validation.roleArn": "debe ser el ARN de un rol IAM: arn:aws:iam::<cuenta>:role/<nombre>",
  "validation.instanceType": "debe ser un tipo de instancia EC2 como t3.medium",
  "validation.dbClass": "debe ser una clase de instancia RDS como db.t3.micro",
  "validation.k8sVersion": "debe ser una versión menor de Kubernetes como 1.35",
  "validation.dbEngineVersion": "debe ser una versión de PostgreSQL que ofrezca RDS, como 17.6",
  "validation.oneOf": "debe ser uno de {values}",
  "validation.range": "debe ser un número entero de {min} a {max}",
  "validation.minOverDesired": "({min}) no debe superar --nodes ({desired})",
  "validation.desiredOverMax": "({desired}) no debe superar --max-nodes ({max})",
  "validation.invalid": "no es válido",
  "validation.regionRequired": "falta --region: no hay región en el entorno (AWS_REGION) ni en el perfil",
  "validation.regionRequired.hint": "usa --region us-east-1",
  "validation.unknownStep": "--steps nombra un paso que este msdemo aún no tiene: {steps}",
  "validation.unknownStep.hint": "disponibles: {steps}",
  "validation.stepNeeds": "el paso {step} necesita el paso {need}, que no se ha completado",
  "validation.stepNeeds.hint": "agrégalo: --steps {steps}",
  "validation.needsYes": "msdemo {command} cambia tu cuenta de AWS y no hay terminal para confirmarlo",
  "validation.needsYes.hint": "usa --yes",
  "validation.stepNeedsTty":
    "--step se detiene antes de cada paso para preguntarte, así que necesita una terminal",
  "validation.stepNeedsTty.hint": "ejecútalo en una terminal, o quita --step",
  "validation.learnerLab":
    "Esta es una cuenta de AWS Academy Learner Lab ({evidence}), que no permite:\n  {problems}",
  "validation.stateDir": "--state-dir {dir} no puede guardar el estado de msdemo: {reason}.",
  "validation.stateDir.hint":
    "Elige una carpeta en la que puedas escribir con --state-dir o MSDEMO_STATE_DIR (por defecto es ~/.msdemo).",
  "validation.stateDir.notFolder": "{path} no es una carpeta",
  "validation.stateDir.denied": "no se puede escribir en {path}",
  "validation.stateDir.blocked": "no se puede entrar en una carpeta del camino hacia {path}",
  "validation.stateDir.other": "{path}: {code}",
  "validation.empty": "{option} recibió un valor vacío.",
  "validation.empty.hint": "Dale un valor a {option}, u omite la opción para usar el valor por defecto.",
  "validation.dotenvLine":
    "{file}:{line} no es una línea NOMBRE=valor; se ignora (las demás líneas se usan).",
  "validation.noProfile": 'El perfil de AWS "{profile}" no existe en ~/.aws/config ni en ~/.aws/credentials.',
  "validation.noProfile.hint":
    "Perfiles que hay: {profiles}. Indica uno con --profile (o AWS_PROFILE), u omítelo.",
  "validation.noProfile.none": "ninguno",
};
