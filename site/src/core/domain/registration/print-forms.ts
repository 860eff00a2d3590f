/**
 * Mẫu 20 (đơn xin đi cai nghiện ma túy tự nguyện) and Mẫu 33 (bản tóm tắt lý lịch), filled in
 * from a registration payload, as A4 pages ready to sign. One renderer for every place that
 * prints them:
 *   - the family's print view with JavaScript (the island renders on the device);
 *   - the same page without JavaScript (the Worker renders it, stores and logs nothing);
 *   - the office inbox, from a decrypted registration.
 *
 * Usage: `renderForms(payload, { vi, officeName, reference })` returns trusted HTML (every answer
 * escaped here). `vi` turns a UI string key into its Vietnamese text: the forms are Vietnamese
 * documents whatever the reader's language. `printLabelKeys` lists the keys it needs, so an island
 * can ship only those. Styles: `.official-form` in site/src/styles/base.css and print.css.
 *
 * The text of the forms below is what the copy of Decree 163 Annex V shows
 * (../shared/research/law-120-2025.md §2.5). What it lost (Mẫu 20's table of places, its
 * home/community plan, the signature blocks, the exact layout) is marked on the page as not
 * verified, never guessed (the claim u-form-20-table).
 */
import {
  drugOptions,
  methodOptions,
  relationshipOptions,
  sexOptions,
  treatmentFormOptions,
} from "../../schemas/registration/fields.ts";
import type { RegistrationPayload } from "../../schemas/registration/payload.ts";

export interface PrintOptions {
  /** Vietnamese text of a UI string key (option labels). */
  vi: (key: string) => string;
  /** The receiving office as the inbox knows it; otherwise "Trưởng Công an <commune>". */
  officeName?: string;
  /** The reference, when printed from a received registration. */
  reference?: string;
}

/** The UI string keys the renderer reads (option labels), for islands that ship only these. */
export const printLabelKeys: string[] = [
  ...sexOptions.map((o) => `reg.sex.option.${o}`),
  ...relationshipOptions.map((o) => `reg.repRelationship.option.${o}`),
  ...drugOptions.map((o) => `reg.drugs.option.${o}`),
  ...methodOptions.map((o) => `reg.useMethods.option.${o}`),
  ...treatmentFormOptions.map((o) => `reg.treatmentForm.option.${o}`),
];

const escape = (s: string) =>
  s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");

const dmy = (iso: string | null | undefined) =>
  iso && /^\d{4}-\d{2}-\d{2}/.test(iso) ? iso.slice(0, 10).split("-").reverse().join("/") : "";
/** Mẫu 20 and 33 ask for names "in capitals": the print shows them so; the data keeps what was typed. */
const capitals = (s: string) => s.toLocaleUpperCase("vi");

/** One line of the form: its label, and the answer or a dotted line to write on. */
function line(label: string, value: string | number | null | undefined, field?: string): string {
  const text = value === null || value === undefined ? "" : String(value).trim();
  const answer = text
    ? `<span class="form-answer"${field ? ` data-print-field="${field}"` : ""}>${escape(text)}</span>`
    : `<span class="form-blank"><span class="visually-hidden">(trống)</span></span>`;
  return `<p class="form-line"><span class="form-label">${escape(label)}</span> ${answer}</p>`;
}

const unknownNote = (text: string) => `<p class="form-unknown">${escape(text)}</p>`;

function header(formNumber: string): string {
  return `<div class="form-header"><p><strong>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</strong><br><strong>Độc lập - Tự do - Hạnh phúc</strong></p><p class="form-ref">Mẫu số ${formNumber}, Phụ lục V, Nghị định số 163/2026/NĐ-CP</p></div>`;
}

function datePlaceLine(): string {
  return `<p class="form-place">……………, ngày …… tháng …… năm 20……</p>`;
}

function signature(title: string): string {
  return `<div class="form-signature"><p><strong>${escape(title)}</strong><br>(Ký, ghi rõ họ tên)</p></div>`;
}

function idLines(
  prefix: string,
  id: { personalId: string; issueDate: string | null; issuePlace: string },
): string {
  return [
    line(
      "Số thẻ căn cước, căn cước công dân, chứng minh nhân dân hoặc hộ chiếu:",
      id.personalId,
      `${prefix}personalId`,
    ),
    line("Ngày cấp:", dmy(id.issueDate)),
    line("Nơi cấp:", id.issuePlace),
  ].join("");
}

function placeOf(p: RegistrationPayload): string {
  const a = p.person.address;
  return [a.detail, a.commune, a.province].filter(Boolean).join(", ");
}

function form20(p: RegistrationPayload, o: PrintOptions): string {
  const option = (field: string, value: string) =>
    value ? o.vi(`reg.${field}.option.${value}`) : "";
  // "Xã Tuần Giáo" reads "xã Tuần Giáo" inside a sentence.
  const commune = p.person.address.commune;
  const to =
    o.officeName ??
    (commune
      ? `Trưởng Công an ${commune.charAt(0).toLocaleLowerCase("vi")}${commune.slice(1)}`
      : "");
  const person = p.person;
  const writer = p.writer;
  const writerLines = writer
    ? [
        line("Họ và tên (chữ in hoa):", capitals(writer.fullName), "writer.fullName"),
        line("Ngày, tháng, năm sinh:", dmy(writer.dateOfBirth)),
        line("Giới tính:", option("repSex", writer.sex)),
        idLines("writer.", writer.id),
        line("Nơi cư trú:", writer.address),
        line("Số điện thoại:", writer.phone),
        line(
          "Quan hệ với người tự nguyện cai nghiện:",
          option("repRelationship", writer.relationship),
        ),
      ]
    : [
        line("Họ và tên (chữ in hoa):", capitals(person.fullName)),
        line("Ngày, tháng, năm sinh:", dmy(person.dateOfBirth)),
        line("Giới tính:", option("sex", person.sex)),
        idLines("writer.", person.id),
        line("Nơi cư trú:", placeOf(p)),
        line("Số điện thoại:", person.phone ?? ""),
        line("Quan hệ với người tự nguyện cai nghiện:", "Bản thân (người cai nghiện tự viết đơn)"),
      ];
  const places = treatmentFormOptions
    .map(
      (f) =>
        `<li><span class="form-box" aria-hidden="true">${p.treatmentForm === f ? "☒" : "☐"}</span> ${escape(o.vi(`reg.treatmentForm.option.${f}`))}${p.treatmentForm === f ? ' <span class="visually-hidden">(đã chọn)</span>' : ""}</li>`,
    )
    .join("");
  return `<article class="official-form" data-official-form="20" aria-labelledby="form20-title" lang="vi">${header("20")}
<h2 class="form-title" id="form20-title">ĐƠN XIN ĐI CAI NGHIỆN MA TÚY TỰ NGUYỆN</h2>
<p class="form-to">Kính gửi: ${to ? escape(to) : '<span class="form-blank"><span class="visually-hidden">(trống)</span></span>'}</p>
<h3 class="form-section">1. Người viết đơn</h3>${writerLines.join("")}
<h3 class="form-section">2. Người tự nguyện cai nghiện</h3>
${line("Họ và tên (chữ in hoa):", capitals(person.fullName), "person.fullName")}
${line("Ngày, tháng, năm sinh:", dmy(person.dateOfBirth), "person.dateOfBirth")}
${line("Giới tính:", option("sex", person.sex))}
${idLines("person.", person.id)}
${line(p.residence === "none" ? "Chỗ ở hiện nay (không có nơi cư trú ổn định):" : "Nơi cư trú:", placeOf(p), "person.address")}
${line("Điện thoại liên hệ:", person.phone ?? "")}
<h3 class="form-section">3. Đăng ký</h3>
<p class="form-line"><span class="form-label">3.1. Địa điểm cai nghiện dự kiến:</span></p>
<ul class="form-choices">${places}</ul>
${unknownNote("Bảng chọn địa điểm của mẫu chính thức chưa được xác minh; các lựa chọn trên theo Điều 28 Luật Phòng, chống ma túy 2025.")}
<p class="form-line"><span class="form-label">3.2. Kế hoạch cai nghiện ma túy tự nguyện tại gia đình, cộng đồng:</span> <span class="form-blank form-blank--wide"><span class="visually-hidden">(trống)</span></span></p>
${unknownNote("Nội dung phần 3.2 của mẫu chính thức chưa được xác minh: Công an xã, phường sẽ hướng dẫn.")}
${datePlaceLine()}
<div class="form-signatures">${signature(writer ? "Người viết đơn (cha, mẹ, người giám hộ hoặc người đại diện hợp pháp)" : "Người viết đơn")}</div>
${unknownNote("Vị trí và nội dung các ô chữ ký của mẫu chính thức chưa được xác minh.")}
</article>`;
}

function member(label: string, m: RegistrationPayload["family"]["father"], key: string): string {
  return [
    `<p class="form-line form-line--group"><span class="form-label">${escape(label)}</span></p>`,
    line("Họ và tên:", m?.fullName ?? "", `family.${key}.fullName`),
    line("Tuổi:", m?.age ?? ""),
    line("Nghề nghiệp:", m?.occupation ?? ""),
    line("Nơi cư trú:", m?.address ?? ""),
  ].join("");
}

function form33(p: RegistrationPayload, o: PrintOptions): string {
  const option = (field: string, value: string) =>
    value ? o.vi(`reg.${field}.option.${value}`) : "";
  const person = p.person;
  const h = p.treatmentHistory;
  const record = (value: string, detail: string) =>
    value === "yes"
      ? `Có${detail ? `: ${detail}` : ""}`
      : value === "none"
        ? "Không"
        : value === "unknown"
          ? "Không rõ"
          : "";
  const drugs =
    p.drugUse.drugs.map((d) => option("drugs", d)).join("; ") +
    (p.drugUse.other ? `: ${p.drugUse.other}` : "");
  const child = p.registrant === "child";
  const children = p.family.children
    ? p.family.children
        .split("\n")
        .map(
          (c, i) =>
            `<p class="form-line form-line--indent"><span class="form-answer" data-print-field="family.children.${i}">${escape(c)}</span></p>`,
        )
        .join("")
    : '<p class="form-line form-line--indent"><span class="form-blank"><span class="visually-hidden">(trống)</span></span></p>';
  const substitution =
    h.substitution === "no"
      ? "Không"
      : h.substitution === "current"
        ? "Có (đang điều trị)"
        : `Có; ngày chấm dứt: ${dmy(h.substitutionEndDate) || "……"}`;
  return `<article class="official-form" data-official-form="33" aria-labelledby="form33-title" lang="vi">${header("33")}
<h2 class="form-title" id="form33-title">BẢN TÓM TẮT LÝ LỊCH</h2>
<h3 class="form-section">I.</h3>
${line("Họ và tên (chữ in hoa):", capitals(person.fullName))}
${line("Giới tính:", option("sex", person.sex))}
${line("Tên gọi khác:", person.otherNames, "person.otherNames")}
${line("Ngày, tháng, năm sinh:", dmy(person.dateOfBirth))}
${idLines("", person.id)}
${line("Nơi cư trú hoặc chỗ ở hiện nay:", placeOf(p))}
${line("Trình độ đào tạo:", person.education, "person.education")}
${line("Nghề nghiệp:", person.occupation, "person.occupation")}
${line("Nơi làm việc, học tập:", person.workplace, "person.workplace")}
<h3 class="form-section">II.</h3>
${member("Bố:", p.family.father, "father")}
${member("Mẹ:", p.family.mother, "mother")}
${
  child
    ? p.writer &&
      (p.writer.relationship === "guardian" || p.writer.relationship === "legal-representative")
      ? `<p class="form-line form-line--group"><span class="form-label">Người đại diện hợp pháp:</span></p>${line("Họ và tên:", p.writer.fullName)}${line("Nơi cư trú:", p.writer.address)}`
      : ""
    : `${member("Vợ hoặc chồng:", p.family.spouse, "spouse")}<p class="form-line form-line--group"><span class="form-label">Con (họ tên, tuổi, nghề nghiệp, nơi cư trú):</span></p>${children}`
}
<h3 class="form-section">III.</h3>
${line("Tiền án:", record(p.record.criminal, p.record.criminalDetail), "record.criminal")}
${line("Tiền sự:", record(p.record.administrative, p.record.administrativeDetail), "record.administrative")}
${line("Loại ma túy đã sử dụng:", drugs, "drugUse.drugs")}
${line("Hình thức sử dụng:", p.drugUse.methods.map((m) => option("useMethods", m)).join("; "), "drugUse.methods")}
${line("Thời điểm sử dụng lần đầu:", p.drugUse.firstUseYear ?? "", "drugUse.firstUseYear")}
${line("Số lần cai nghiện tự nguyện, địa điểm:", h.treatedBefore || h.voluntaryTimes ? `${h.voluntaryTimes} lần${h.voluntaryPlaces ? `; ${h.voluntaryPlaces}` : ""}` : "Chưa", "treatmentHistory.voluntary")}
${line("Số quyết định quản lý sau cai nghiện:", h.afterCareTimes ? `${h.afterCareTimes}` : "Không")}
${line("Số lần bị đưa vào cai nghiện bắt buộc:", h.compulsoryTimes ? `${h.compulsoryTimes}` : "Không", "treatmentHistory.compulsory")}
${line("Tham gia điều trị nghiện bằng thuốc thay thế:", substitution, "treatmentHistory.substitution")}
<p class="form-declaration">Tôi xin cam đoan lời khai trên là đúng sự thật.</p>
${datePlaceLine()}
<div class="form-signatures">${signature(child ? "Cha, mẹ, người giám hộ hoặc người đại diện hợp pháp" : "Người khai")}</div>
${unknownNote("Tên các phần, vị trí và nội dung ô chữ ký của mẫu chính thức chưa được xác minh.")}
</article>`;
}

/** Both forms, Mẫu 20 then Mẫu 33 (each starts on a new A4 page), as trusted HTML. */
export function renderForms(p: RegistrationPayload, o: PrintOptions): string {
  const note = o.reference
    ? `<p class="form-note">Bản in từ hồ sơ gửi qua Lối Về, mã tham chiếu ${escape(o.reference)}.</p>`
    : "";
  return `<div class="official-forms">${form20(p, o)}${form33(p, o)}${note}</div>`;
}
