/**
 * Vietnam's administrative units since 01/07/2025: 34 provinces, 3,321 communes (xã, phường,
 * đặc khu), no districts. Codes are the statistics office's (2-digit province, 5-digit commune).
 */
import { z } from "zod";

export const provinceCode = z.string().regex(/^\d{2}$/, "a 2-digit province code");
export const communeCode = z.string().regex(/^\d{5}$/, "a 5-digit commune code");

export const formerUnitSchema = z.object({
  /** e.g. "Thị trấn Tuần Giáo" */
  name: z.string(),
  /** e.g. "Huyện Tuần Giáo" */
  district: z.string(),
  /** e.g. "Tỉnh Điện Biên" */
  province: z.string(),
  /** How the package's row was reconciled (kept for the data report). */
  match: z.enum(["exact", "padded-code", "by-name", "code-only"]),
});

export const communeSchema = z.object({
  code: communeCode,
  name: z.string(),
  provinceCode,
  kind: z.enum(["xa", "phuong", "dac-khu"]),
  /** The pre-2025 units it was formed from (whole or part). */
  formerUnits: z.array(formerUnitSchema),
});

export const provinceSchema = z.object({
  code: provinceCode,
  name: z.string(),
  kind: z.enum(["province", "city"]),
});

export type Commune = z.infer<typeof communeSchema>;
export type Province = z.infer<typeof provinceSchema>;
export type FormerUnit = z.infer<typeof formerUnitSchema>;
