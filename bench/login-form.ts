/**
 * Logging in the way a browser without JavaScript does: GET /login, read the rendered <form>
 * (Next puts the server action's reference in hidden `$ACTION_…` inputs), and POST those
 * fields back with email and password in the form's encoding. Success is a 303 redirect that
 * sets the session cookie.
 */
import { SESSION_COOKIE } from "./fixtures";

export interface LoginForm {
  /** Where the form posts (the form's `action`, resolved against /login). */
  actionUrl: string;
  multipart: boolean;
  /** The hidden inputs, in document order, exactly as rendered. */
  hidden: Array<[name: string, value: string]>;
}

export interface LoginOutcome {
  status: number;
  location: string | null;
  /** `__Host-session=<seal>` when the response set one. */
  sessionCookie: string | null;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] !== "#") return ENTITIES[name.toLowerCase()] ?? whole;
    const code =
      name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : Number(name.slice(1));
    return String.fromCodePoint(code);
  });
}

function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(
    /([^\s"'=<>/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g,
  )) {
    out[m[1]!.toLowerCase()] = decodeEntities(m[2] ?? m[3] ?? m[4] ?? "");
  }
  return out;
}

export async function readLoginForm(baseUrl: string): Promise<LoginForm> {
  const pageUrl = `${baseUrl}/login`;
  const res = await fetch(pageUrl, { headers: { Accept: "text/html" } });
  const html = await res.text();
  if (res.status !== 200) throw new Error(`GET /login answered ${res.status}`);
  const form = [...html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)].find((m) =>
    /name="email"/.test(m[2]!),
  );
  if (!form) throw new Error("GET /login: no <form> with an email field in the HTML");
  const attrs = attributes(form[1]!);
  if ((attrs.method ?? "get").toLowerCase() !== "post") {
    throw new Error(
      `The login form's method is ${attrs.method ?? "GET"}: it cannot work without JavaScript`,
    );
  }
  const hidden: Array<[string, string]> = [];
  for (const m of form[2]!.matchAll(/<input\b([^>]*)>/gi)) {
    const input = attributes(m[1]!);
    if (input.type === "hidden" && input.name) hidden.push([input.name, input.value ?? ""]);
  }
  if (!hidden.some(([name]) => name.startsWith("$ACTION"))) {
    throw new Error("The login form has no $ACTION_… hidden inputs: how would it post without JS?");
  }
  return {
    actionUrl: new URL(attrs.action ?? "", pageUrl).toString(),
    multipart: (attrs.enctype ?? "").toLowerCase() === "multipart/form-data",
    hidden,
  };
}

export async function postLogin(
  form: LoginForm,
  email: string,
  password: string,
): Promise<LoginOutcome> {
  const fields: Array<[string, string]> = [
    ...form.hidden,
    ["email", email],
    ["password", password],
  ];
  let body: FormData | URLSearchParams;
  if (form.multipart) {
    body = new FormData();
    for (const [name, value] of fields) body.append(name, value);
  } else {
    body = new URLSearchParams(fields);
  }
  const res = await fetch(form.actionUrl, {
    method: "POST",
    body,
    redirect: "manual",
    headers: { Origin: new URL(form.actionUrl).origin, Accept: "text/html" },
  });
  await res.arrayBuffer();
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  return {
    status: res.status,
    location: res.headers.get("location"),
    sessionCookie: cookie ? cookie.split(";")[0]! : null,
  };
}

/** A login counts only if it redirected (303) and set a non-empty session cookie. */
export function loginSucceeded(outcome: LoginOutcome): boolean {
  return outcome.status === 303 && (outcome.sessionCookie?.length ?? 0) > SESSION_COOKIE.length + 1;
}
