/** Numeric option checks for every namespace of core (messages in messages.ts). */
import { EigenlabError } from "../errors";
import { message } from "../messages";

export function positiveInteger(fn: string, option: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1) {
    throw new EigenlabError("bad-option", message.positiveInteger(fn, option, value));
  }
  return value;
}

export function nonNegativeInteger(fn: string, option: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0) {
    throw new EigenlabError("bad-option", message.nonNegativeInteger(fn, option, value));
  }
  return value;
}

export function nonNegativeNumber(fn: string, option: string, value: unknown): number {
  if (typeof value !== "number" || !(value >= 0) || !Number.isFinite(value)) {
    throw new EigenlabError("bad-option", message.nonNegativeNumber(fn, option, value));
  }
  return value;
}

export function positiveNumber(fn: string, option: string, value: unknown): number {
  if (typeof value !== "number" || !(value > 0) || !Number.isFinite(value)) {
    throw new EigenlabError("bad-option", message.positiveNumber(fn, option, value));
  }
  return value;
}

export function probability(fn: string, option: string, value: unknown): number {
  if (typeof value !== "number" || !(value >= 0 && value <= 1)) {
    throw new EigenlabError("bad-option", message.probability(fn, option, value));
  }
  return value;
}
