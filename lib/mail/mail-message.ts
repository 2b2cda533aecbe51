/**
 * What may be sent. Recipients and subjects often come from user input (an invitee's email),
 * and both end up in message headers: a CR or LF there could add headers or recipients
 * (header injection). Such input is refused before any transport sees it, never cleaned up.
 */
import { z } from "zod";

const LINE_BREAK = /[\r\n]/;
const noLineBreaks = (value: string) => !LINE_BREAK.test(value);

export const mailMessageSchema = z.object({
  to: z
    .string()
    .refine(noLineBreaks, "must not contain line breaks")
    .pipe(z.email("must be exactly one email address, like name@example.com").max(254)),
  subject: z
    .string()
    .min(1, "must not be empty")
    .max(998, "must fit on one header line (998 characters)")
    .refine(noLineBreaks, "must not contain line breaks"),
  text: z.string().min(1, "must not be empty"),
  html: z.string().min(1).optional(),
});

export type MailMessage = z.infer<typeof mailMessageSchema>;

/** Thrown for a message that must not be sent: a bug in the caller, not a delivery problem. */
export class InvalidMailError extends Error {
  constructor(fields: string[]) {
    super(`Refusing to send mail: ${fields.join("; ")}`);
    this.name = "InvalidMailError";
  }
}

/** The message if it is safe to send; otherwise throws, naming fields but never echoing values. */
export function parseMailMessage(input: unknown): MailMessage {
  const result = mailMessageSchema.safeParse(input);
  if (result.success) return result.data;
  throw new InvalidMailError(
    result.error.issues.map((issue) => `${issue.path.join(".") || "message"} ${issue.message}`),
  );
}

/** The part after the @, which is all that production logs say about a recipient. */
export function recipientDomain(address: string): string {
  return address.slice(address.lastIndexOf("@") + 1).toLowerCase();
}
