// The only place that asks the user anything. Prompts write to stderr so that
// stdout stays clean for results and --json.
import {
  createPrompt,
  isEnterKey,
  isTabKey,
  makeTheme,
  useKeypress,
  usePrefix,
  useState,
} from "@inquirer/core";
import { input, select } from "@inquirer/prompts";
import chalk from "chalk";
import { t } from "../i18n/index.js";

const context = { output: process.stderr };

export function canPrompt(): boolean {
  return Boolean(process.stdin.isTTY && process.stderr.isTTY) && process.env.CI !== "true";
}

/** A typed yes/no answer: s, sí, si, y, yes → true; n, no → false; anything else → the default. */
export function confirmAnswer(text: string, defaultValue: boolean): boolean {
  const answer = text.trim();
  if (/^(s|y)/i.test(answer)) return true;
  if (/^n/i.test(answer)) return false;
  return defaultValue;
}

/**
 * The confirm prompt in the catalogue's words: (Y/n) and Yes/No in English,
 * (S/n) and Sí/No in Spanish. Behaves as @inquirer/confirm, whose letters and
 * echo are fixed in English.
 */
export const localizedConfirm = createPrompt<boolean, { message: string; default: boolean }>(
  (config, done) => {
    const [status, setStatus] = useState<"idle" | "done">("idle");
    const [value, setValue] = useState("");
    const theme = makeTheme();
    const prefix = usePrefix({ status, theme });
    const word = (answer: boolean) => t(answer ? "prompt.confirm.yes" : "prompt.confirm.no");
    useKeypress((key, rl) => {
      if (status !== "idle") return;
      if (isEnterKey(key)) {
        const answer = confirmAnswer(value, config.default);
        setValue(word(answer));
        setStatus("done");
        done(answer);
      } else if (isTabKey(key)) {
        const answer = word(!confirmAnswer(value, config.default));
        rl.clearLine(0);
        rl.write(answer);
        setValue(answer);
      } else {
        setValue(rl.line);
      }
    });
    const message = theme.style.message(config.message, status);
    if (status === "done") return `${prefix} ${message} ${theme.style.answer(value)}`;
    const letters = t(config.default ? "prompt.confirm.defaultYes" : "prompt.confirm.defaultNo");
    return `${prefix} ${message} ${theme.style.defaultAnswer(letters)} ${value}`;
  },
);

/** The select prompt's key help in the user's language, drawn as inquirer draws its own. */
export function selectTheme(): { style: { keysHelpTip: (keys: [key: string, action: string][]) => string } } {
  const words: Record<string, string> = {
    navigate: t("prompt.select.navigate"),
    select: t("prompt.select.select"),
  };
  return {
    style: {
      keysHelpTip: (keys) =>
        keys
          .map(([key, action]) => `${chalk.bold(key)} ${chalk.dim(words[action] ?? action)}`)
          .join(chalk.dim(" • ")),
    },
  };
}

export async function askConfirm(message: string, defaultValue = false): Promise<boolean> {
  return localizedConfirm({ message, default: defaultValue }, context);
}

export async function askChoice<T extends string>(
  message: string,
  choices: { value: T; name?: string; description?: string }[],
  defaultValue?: T,
): Promise<T> {
  return select<T>({ message, choices, default: defaultValue, theme: selectTheme() }, context);
}

export async function askText(message: string, validate?: (value: string) => true | string): Promise<string> {
  return input({ message, validate }, context);
}
