import { useId, type ReactNode } from "react";
import { Label } from "@/components/ui/label";
import { FieldErrors } from "./field-errors";

/** What a control needs to be tied to its label, hint and errors. */
export interface ControlProps {
  id: string;
  "aria-invalid"?: true;
  "aria-describedby"?: string;
}

interface FieldProps {
  label: ReactNode;
  hint?: ReactNode;
  errors?: string[];
  /** Renders the control with the wiring above spread onto it. */
  children: (control: ControlProps) => ReactNode;
  className?: string;
}

/**
 * A labelled form control with its hint and errors. The ids come from useId, so two forms
 * on one page (the settings page has three) never share one.
 */
export function Field({ label, hint, errors, children, className }: FieldProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : null;
  const errorsId = errors?.length ? `${id}-errors` : null;
  const describedBy = [hintId, errorsId].filter(Boolean).join(" ");
  return (
    <div className={className}>
      <Label htmlFor={id}>{label}</Label>
      <div className="mt-1.5">
        {children({
          id,
          "aria-invalid": errorsId ? true : undefined,
          "aria-describedby": describedBy || undefined,
        })}
      </div>
      {hint ? (
        <p id={hintId ?? undefined} className="mt-1.5 text-sm text-muted-foreground">
          {hint}
        </p>
      ) : null}
      <FieldErrors id={errorsId ?? ""} errors={errors} />
    </div>
  );
}
