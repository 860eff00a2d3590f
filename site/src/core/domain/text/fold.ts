/**
 * Vietnamese typed on phones often lacks tone marks and uses d for đ. Folding removes both,
 * so "dang ky" matches "Đăng ký" (Unicode has no decomposition for đ, so it is mapped by hand).
 */
export function foldVietnamese(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .normalize("NFC");
}

/** "Xã Tuần Giáo" → "xa-tuan-giao" */
export function slugify(text: string): string {
  return foldVietnamese(text)
    .toLowerCase()
    .replace(/['’]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}
