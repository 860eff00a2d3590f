/**
 * What offices and provinces receive by e-mail. Never personal data: a reference, a commune, a
 * time, a deadline and a link to the inbox, where the registration is decrypted on the officer's
 * own device. Officers read Vietnamese, so notifications are in Vietnamese.
 */
import { formatReference } from "../../site/src/core/domain/registration/reference.ts";
import { communeByCode } from "../../site/src/core/domain/admin-units/index.ts";
import { formatDue } from "../../site/src/core/format/dates.ts";
import { t, type StringKey } from "../http/i18n.ts";
import { formatDateTime } from "../../site/src/core/format/dates.ts";

export interface Notice {
  subject: string;
  text: string;
}

export function newRegistrationNotice(
  siteUrl: string,
  r: { reference: string; commune_code: string; submitted_at: string; due_by: string },
  officeName: string,
): Notice {
  const ref = formatReference(r.reference);
  const commune = communeByCode(r.commune_code)?.name ?? r.commune_code;
  return {
    subject: `Hồ sơ đăng ký cai nghiện tự nguyện mới: ${ref}`,
    text: [
      `Nơi tiếp nhận: ${officeName}`,
      `Xã, phường: ${commune}`,
      `Mã tham chiếu: ${ref}`,
      `Gửi lúc: ${formatDateTime(r.submitted_at)}`,
      `Hạn quyết định nếu hồ sơ đã đủ (24 giờ kể từ khi tiếp nhận): ${formatDue(r.due_by)}`,
      "",
      `Mở hộp thư của xã để đọc và xử lý: ${new URL("/vi/office/", siteUrl).href}`,
      "",
      "Thư này không chứa thông tin cá nhân. Hồ sơ được mã hóa và chỉ đọc được trong hộp thư của nơi tiếp nhận.",
    ].join("\n"),
  };
}

export function deadlineNotice(
  siteUrl: string,
  provinceName: string,
  items: { reference: string; commune_code: string; due_by: string; status: string }[],
): Notice {
  return {
    subject: `${items.length} hồ sơ đăng ký sắp đến hoặc đã qua hạn quyết định 24 giờ: ${provinceName}`,
    text: [
      `Các hồ sơ đăng ký sau ở ${provinceName} chưa có quyết định và sắp đến hoặc đã qua hạn 24 giờ kể từ khi tiếp nhận:`,
      "",
      ...items.map(
        (i) =>
          `- ${formatReference(i.reference)}: ${communeByCode(i.commune_code)?.name ?? i.commune_code}, hạn ${formatDue(i.due_by)}, tình trạng: ${t("vi", `reg.status.value.${i.status}` as StringKey)}`,
      ),
      "",
      `Số liệu của tỉnh (đăng nhập bằng tệp khóa của tỉnh): ${new URL("/vi/office/", siteUrl).href}`,
      "Thư này không chứa thông tin cá nhân.",
    ].join("\n"),
  };
}

export function deadDeliveryNotice(
  siteUrl: string,
  provinceName: string,
  item: { reference: string; commune_code: string; channel: string },
): Notice {
  return {
    subject: `Chưa gửi được thông báo cho nơi tiếp nhận: ${formatReference(item.reference)}`,
    text: [
      `Thông báo (${item.channel}) về hồ sơ đăng ký ${formatReference(item.reference)} (${communeByCode(item.commune_code)?.name ?? item.commune_code}, ${provinceName}) chưa gửi được sau nhiều lần thử.`,
      "Hồ sơ vẫn nằm trong hộp thư của xã; hệ thống sẽ tiếp tục thử gửi. Hãy báo cho nơi tiếp nhận.",
      `Số liệu của tỉnh (đăng nhập bằng tệp khóa của tỉnh): ${new URL("/vi/office/", siteUrl).href}`,
    ].join("\n"),
  };
}
