/**
 * How the status code reaches the receipt page once, after the 303 that follows the form post:
 * a short-lived cookie (10 minutes), `__Host-` (this origin only, Secure, Path=/), HttpOnly,
 * SameSite=Strict, holding the reference and the code sealed with a Worker key. The receipt page
 * consumes it: it shows the code and deletes the cookie. Without it the receipt shows nothing but
 * how to look a status up; the reference alone never shows anything.
 */
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { openShort, sealShort } from "./secrets.ts";

export const receiptCookie = "__Host-loi_ve_receipt";
export const receiptSeconds = 600;

export async function setReceiptCookie(
  c: Context,
  pepper: string | undefined,
  reference: string,
  code: string,
  now = new Date(),
): Promise<void> {
  const value = await sealShort(
    pepper,
    "receipt-cookie",
    JSON.stringify({ r: reference, c: code, e: now.getTime() + receiptSeconds * 1000 }),
    "receipt",
  );
  setCookie(c, receiptCookie, value, {
    path: "/",
    secure: true,
    httpOnly: true,
    sameSite: "Strict",
    maxAge: receiptSeconds,
  });
}

/** The code for this reference, if this browser just sent it; the cookie is deleted either way. */
export async function takeReceiptCode(
  c: Context,
  pepper: string | undefined,
  reference: string,
  now = new Date(),
): Promise<string | undefined> {
  const value = getCookie(c, receiptCookie);
  if (!value) return undefined;
  deleteCookie(c, receiptCookie, { path: "/", secure: true });
  const text = await openShort(pepper, "receipt-cookie", value, "receipt");
  if (!text) return undefined;
  const { r, c: code, e } = JSON.parse(text) as { r: string; c: string; e: number };
  return r === reference && e > now.getTime() ? code : undefined;
}
