// The cost estimate: the price table, the pure estimate, cost so far, and its wording.

export { builtTotals } from "./built.js";
export { estimateCost } from "./estimate.js";
export { costLine, costReport, costSoFarLine, dominantSentence, noteText, usd } from "./format.js";
export { costInput, recordedSizing } from "./input.js";
export { costJson } from "./json.js";
export { FALLBACK_PRICE_REGION, HOURS_PER_MONTH, PRICE_TABLE, PRICES_AS_OF } from "./prices.js";
export { costSoFar, itemStartTimes } from "./so-far.js";
export type * from "./types.js";
