/**
 * The field schemas and limits the Quorum panel's messages share (panelProtocol.ts, voteProtocol.ts).
 * Bounds keep a hostile or corrupt message from making the view build an unbounded DOM.
 */
import * as z from 'zod/mini';

export const COLUMN_STATUSES = ['waiting', 'streaming', 'done', 'stopped', 'failed'] as const;
/** `waiting` until the first token, `streaming` until it ends, then one of the last three. */
export type ColumnStatus = (typeof COLUMN_STATUSES)[number];

/** Longest answer, prompt or delta a message may carry (characters); the view stops appending beyond it. */
export const MAX_PANEL_TEXT = 2_000_000;

/** Model output, prompts, deltas. */
export const text = z.string().check(z.maxLength(MAX_PANEL_TEXT));
/** One line: a label, an error, a reason. */
export const line = z.string().check(z.maxLength(4_000));
/** `provider/model`. */
export const ref = z.string().check(z.minLength(1), z.maxLength(300));
export const columnId = z.string().check(z.minLength(1), z.maxLength(64));
export const usd = z.number().check(z.nonnegative());
export const ms = z.number().check(z.nonnegative());
export const tokens = z.int().check(z.nonnegative());
export const fraction = z.number().check(z.gte(0), z.lte(1));
/** A list of `provider/model` refs of `min` to `max` entries. */
export const refs = (min: number, max: number) => z.array(ref).check(z.minLength(min), z.maxLength(max));
