// Messages of one area, English and Spanish side by side; merged into the
// catalogues by ../en.ts and ../es.ts. The compiler checks both have the same keys.
export const en = {} as const;

export const es: Record<keyof typeof en, string> = {};
