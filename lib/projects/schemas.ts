import { z } from "zod";

// NUL and unpaired surrogates are refused before these schemas run, by the action wrapper and
// the API's input parsing (lib/storable-text.ts).
export const projectNameSchema = z
  .string({ message: "Give the project a name" })
  .trim()
  .min(1, "Give the project a name")
  .max(80, "Use at most 80 characters");

export const projectDescriptionSchema = z
  .string()
  .trim()
  .max(2000, "Use at most 2,000 characters")
  .default("");

export const projectIdSchema = z.uuid({ message: "Unknown project" });
