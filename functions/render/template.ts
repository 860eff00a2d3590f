/**
 * Server answers for the no-JavaScript paths are the site's own static pages (built by Astro,
 * so layout, language and accessibility are identical), filled in with HTMLRewriter:
 *  - form values (inputs, radios, checkboxes, selects, textareas) so answers are kept;
 *  - an error summary and each field's error message, the GOV.UK way, and "Error:" in <title>;
 *  - text slots ([data-slot=name]) and hidden fields that carry earlier answers.
 * Templates mark the places: data-error-summary, data-field, data-error-for, data-slot.
 */
import type { Env } from "../env.ts";

export interface FieldError {
  field: string;
  message: string;
  /** id of the control the summary links to */ target?: string;
}

export interface TemplateFill {
  values?: Record<string, string | string[]>;
  errors?: FieldError[];
  /** Localized "Error:" prefixed to <title> when there are errors. */
  errorPrefix?: string;
  /** Text for [data-slot=name] elements. */
  slots?: Record<string, string>;
  /** The language of a slot's text where it differs from the page's (a Vietnamese fallback). */
  slotLangs?: Record<string, string>;
  /**
   * Show elements marked data-show-when="name" (or "!name") only when the flag holds; the others
   * are removed. Without flags the elements are left as the template has them (an island decides).
   */
  flags?: Record<string, boolean>;
  /** Show or hide (the hidden attribute) elements marked data-toggle="name", removing nothing. */
  toggles?: Record<string, boolean>;
  /** Attributes set on <html> (e.g. data-server-draft: the page was filled from the sealed draft). */
  rootAttributes?: Record<string, string>;
  /** Extra response headers that may repeat (Set-Cookie). */
  appendHeaders?: [string, string][];
  /** Hidden inputs appended to every form on the page (answers from earlier steps). */
  hidden?: Record<string, string | string[]>;
  /** Rewrites the action of forms marked data-form. */
  action?: string;
  /** Replaces the content of [data-slot-html=name] with trusted, already escaped HTML. */
  html?: Record<string, string>;
  /** Sets the href of [data-slot-href=name]. */
  hrefs?: Record<string, string>;
  /** Sets the formaction of the Back button ([data-nav-back]). */
  backAction?: string;
  /** Adjusts the page's Content-Security-Policy (only the Turnstile check needs this). */
  csp?: (current: string) => string;
  status?: number;
  headers?: Record<string, string>;
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

function asList(v: string | string[] | undefined): string[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

export async function fetchTemplate(env: Env, requestUrl: string, path: string): Promise<Response> {
  const res = await env.ASSETS.fetch(new Request(new URL(path, requestUrl), { method: "GET" }));
  if (!res.ok) throw new Error(`template ${path}: ${res.status}`);
  return res;
}

export async function renderTemplate(
  env: Env,
  requestUrl: string,
  path: string,
  fill: TemplateFill,
): Promise<Response> {
  const template = await fetchTemplate(env, requestUrl, path);
  const values = fill.values ?? {};
  const errors = fill.errors ?? [];
  const errorByField = new Map(errors.map((e) => [e.field, e]));
  let inSummary = false;

  let rewriter = new HTMLRewriter()
    .on("html", {
      element(el) {
        for (const [name, value] of Object.entries(fill.rootAttributes ?? {}))
          el.setAttribute(name, value);
      },
    })
    .on("title", {
      text(t) {
        if (errors.length && fill.errorPrefix && t.text.trim()) {
          t.replace(`${escapeHtml(fill.errorPrefix)} ${escapeHtml(t.text)}`, { html: true });
          fill = { ...fill, errorPrefix: undefined };
        }
      },
    })
    .on("input[name]", {
      element(el) {
        const name = el.getAttribute("name")!;
        const type = (el.getAttribute("type") ?? "text").toLowerCase();
        if (type === "hidden" || type === "submit") return;
        const given = asList(values[name]);
        if (type === "radio" || type === "checkbox") {
          if (given.includes(el.getAttribute("value") ?? "on")) el.setAttribute("checked", "");
          else el.removeAttribute("checked");
        } else if (name in values) {
          el.setAttribute("value", given[0] ?? "");
        }
        // A date's three boxes belong to one field: "dateOfBirth-day" → dateOfBirth.
        const error =
          errorByField.get(name) ?? errorByField.get(name.replace(/-(day|month|year)$/, ""));
        if (error && type !== "radio" && type !== "checkbox") {
          el.setAttribute("class", `${el.getAttribute("class") ?? ""} input--error`.trim());
          el.setAttribute("aria-invalid", "true");
          el.setAttribute(
            "aria-describedby",
            `${el.getAttribute("aria-describedby") ?? ""} error-${name}`.trim(),
          );
        }
      },
    })
    .on("textarea[name]", {
      element(el) {
        const name = el.getAttribute("name")!;
        if (name in values) el.setInnerContent(asList(values[name])[0] ?? "");
        if (errorByField.has(name)) {
          el.setAttribute("aria-invalid", "true");
          el.setAttribute(
            "aria-describedby",
            `${el.getAttribute("aria-describedby") ?? ""} error-${name}`.trim(),
          );
        }
      },
    });

  // Selects: mark the chosen option.
  let currentSelect: string | null = null;
  rewriter = rewriter
    .on("select[name]", {
      element(el) {
        currentSelect = el.getAttribute("name");
        if (currentSelect && errorByField.has(currentSelect)) {
          el.setAttribute("aria-invalid", "true");
          el.setAttribute(
            "aria-describedby",
            `${el.getAttribute("aria-describedby") ?? ""} error-${currentSelect}`.trim(),
          );
        }
      },
    })
    .on("select[name] option", {
      element(el) {
        if (!currentSelect || !(currentSelect in values)) return;
        if (asList(values[currentSelect]).includes(el.getAttribute("value") ?? ""))
          el.setAttribute("selected", "");
        else el.removeAttribute("selected");
      },
    })
    .on("[data-field]", {
      element(el) {
        if (errorByField.has(el.getAttribute("data-field")!))
          el.setAttribute("class", `${el.getAttribute("class") ?? ""} form-group--error`.trim());
      },
    })
    .on("[data-describes]", {
      element(el) {
        // A group of choices or date boxes: its error is read with the group's legend.
        const error = errorByField.get(el.getAttribute("data-describes")!);
        if (error)
          el.setAttribute(
            "aria-describedby",
            `${el.getAttribute("aria-describedby") ?? ""} error-${error.field}`.trim(),
          );
      },
    })
    .on("[data-error-for]", {
      element(el) {
        const error = errorByField.get(el.getAttribute("data-error-for")!);
        if (!error) return;
        el.removeAttribute("hidden");
        el.setAttribute("id", `error-${error.field}`);
      },
    })
    .on("[data-error-for] [data-error-text]", {
      element(el) {
        // The enclosing data-error-for is not visible here; match by the text element's own attribute.
        const name = el.getAttribute("data-error-text");
        const error = name ? errorByField.get(name) : undefined;
        if (error) el.setInnerContent(error.message);
      },
    })
    .on("[data-error-summary]", {
      element(el) {
        if (errors.length === 0) return;
        el.removeAttribute("hidden");
        el.setAttribute("autofocus", "");
        inSummary = true;
      },
    })
    .on("[data-error-summary] ul", {
      element(el) {
        if (!inSummary) return;
        el.setInnerContent(
          errors
            .map(
              (e) =>
                `<li><a href="#${escapeHtml(e.target ?? e.field)}">${escapeHtml(e.message)}</a></li>`,
            )
            .join(""),
          { html: true },
        );
      },
    })
    .on("[data-slot]", {
      element(el) {
        const name = el.getAttribute("data-slot")!;
        const text = fill.slots?.[name];
        if (text !== undefined) el.setInnerContent(text);
        const textLang = fill.slotLangs?.[name];
        if (text !== undefined && textLang) el.setAttribute("lang", textLang);
      },
    })
    .on("[data-slot-html]", {
      element(el) {
        const html = fill.html?.[el.getAttribute("data-slot-html")!];
        if (html !== undefined) el.setInnerContent(html, { html: true });
      },
    })
    .on("[data-slot-href]", {
      element(el) {
        const href = fill.hrefs?.[el.getAttribute("data-slot-href")!];
        if (href !== undefined) el.setAttribute("href", href);
      },
    })
    .on("[data-nav-back]", {
      element(el) {
        if (fill.backAction) el.setAttribute("formaction", fill.backAction);
      },
    })
    .on("[data-toggle]", {
      element(el) {
        const on = fill.toggles?.[el.getAttribute("data-toggle")!];
        if (on === true) el.removeAttribute("hidden");
        else if (on === false) el.setAttribute("hidden", "");
      },
    })
    .on("[data-show-when]", {
      element(el) {
        if (!fill.flags) return;
        const flag = el.getAttribute("data-show-when")!;
        const negate = flag.startsWith("!");
        const on = fill.flags?.[negate ? flag.slice(1) : flag] ?? false;
        if (negate ? on : !on) el.remove();
        else el.removeAttribute("hidden");
      },
    })
    .on("form[data-form]", {
      element(el) {
        if (fill.action) el.setAttribute("action", fill.action);
        const hidden = Object.entries(fill.hidden ?? {}).flatMap(([k, v]) =>
          asList(v).map(
            (x) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(x)}">`,
          ),
        );
        if (hidden.length) el.prepend(hidden.join(""), { html: true });
      },
    });

  const res = rewriter.transform(template);
  const headers = new Headers(res.headers);
  headers.delete("ETag");
  headers.set("Cache-Control", "no-store");
  for (const [k, v] of Object.entries(fill.headers ?? {})) headers.set(k, v);
  for (const [k, v] of fill.appendHeaders ?? []) headers.append(k, v);
  if (fill.csp)
    headers.set("Content-Security-Policy", fill.csp(headers.get("Content-Security-Policy") ?? ""));
  return new Response(res.body, { status: fill.status ?? (errors.length ? 400 : 200), headers });
}
