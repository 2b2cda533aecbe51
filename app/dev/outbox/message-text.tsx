import { splitLinks } from "@/lib/mail/links";

/** A plain-text email with its http(s) links clickable; nothing is rendered as HTML. */
export function MessageText({ text }: { text: string }) {
  return (
    <div className="font-mono text-sm leading-relaxed break-words whitespace-pre-wrap">
      {splitLinks(text).map((part, i) =>
        part.href ? (
          <a
            key={i}
            href={part.href}
            className="font-medium break-all text-primary underline underline-offset-4"
          >
            {part.text}
          </a>
        ) : (
          <span key={i}>{part.text}</span>
        ),
      )}
    </div>
  );
}
