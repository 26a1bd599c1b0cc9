// Messages of one area, English and Spanish side by side: only "cli.*" keys.
// Commander's own errors and words, as localized() rewrites them.
// How to add a message: see ../index.ts.
import type { Spanish } from "../types.js";

export const en = {
  // Commander's own errors
  "cli.unknownOption": "unknown option '{option}'",
  "cli.unknownCommand": "unknown command '{command}'",
  "cli.missingArgument": "missing required argument '{argument}'",
  "cli.optionMissingArgument": "option '{option}' argument missing",
  "cli.tooManyArguments": "too many arguments",
  // Commander's words that localized() rewrites.
  "cli.didYouMean": "(Did you mean {suggestion}?)",
  "cli.didYouMeanOneOf": "(Did you mean one of {suggestions}?)",
  "cli.usageOptions": "[options]",
  "cli.usageCommand": "[command]",
} as const;

export const es: Spanish<typeof en> = {
  "cli.unknownOption": "opción desconocida '{option}'",
  "cli.unknownCommand": "comando desconocido '{command}'",
  "cli.missingArgument": "falta el argumento obligatorio '{argument}'",
  "cli.optionMissingArgument": "a la opción '{option}' le falta su valor",
  "cli.tooManyArguments": "demasiados argumentos",
  "cli.didYouMean": "(¿Quisiste decir {suggestion}?)",
  "cli.didYouMeanOneOf": "(¿Quisiste decir alguno de {suggestions}?)",
  "cli.usageOptions": "[opciones]",
  "cli.usageCommand": "[comando]",
};
