import { z } from "zod";

// Postgres text cannot hold NUL: refuse it as a field error instead of failing the statement.
const noNul = (value: string) => !value.includes("\u0000");

export const projectNameSchema = z
  .string({ message: "Give the project a name" })
  .trim()
  .min(1, "Give the project a name")
  .max(80, "Use at most 80 characters")
  .refine(noNul, "Remove the NUL character");

export const projectDescriptionSchema = z
  .string()
  .trim()
  .max(2000, "Use at most 2,000 characters")
  .refine(noNul, "Remove the NUL character")
  .default("");

export const projectIdSchema = z.uuid({ message: "Unknown project" });
