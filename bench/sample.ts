/** The sample workflow (workflows/sample): a purchase request whose EDIT is accepted in draft again and again. */
export const SAMPLE_EVENT = 'EDIT';

export const sampleInput = { title: 'Laptops für den Sitzungsdienst', amountCents: 240_000 };

/** The facts of one EDIT, about the size of the motion's (so the event row is about 500 B). */
export const editSample = (n: number): Record<string, unknown> => ({
  title: `Laptops und Dockingstationen für den Sitzungsdienst des Kreistages, Ersatzbeschaffung (Fassung ${n})`,
  amountCents: 240_000 + (n % 1000),
});
