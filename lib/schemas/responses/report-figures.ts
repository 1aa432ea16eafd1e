import * as z from "zod";

/** The figures of a report, as the domain computes them. */
export const reportFiguresWire = z.record(z.string(), z.unknown());
