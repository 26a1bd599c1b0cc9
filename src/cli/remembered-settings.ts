// The choices a stack keeps between runs (today: --private). Apart from the
// runtime so that export, which makes no AWS call, loads no SDK to read them.
import type { Config } from "../config.js";
import type { StackState } from "../state/store.js";

/** A choice not given by flag is the one the last `up` made (`--private` stays until `--no-private`). */
export function withRememberedSettings(config: Config, state: StackState | undefined): Config {
  return { ...config, private: config.private ?? state?.settings?.private ?? false };
}
