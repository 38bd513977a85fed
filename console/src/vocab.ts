// The closed vocabularies the console offers as choices, with the Persian the API uses for them
// (src/domain, src/requests/model.rs). Shown values always come from the API's `*_label_fa`;
// these only label the options of a select before anything is sent.
import type { Schemas } from "./api.js";

export const STATUS_LABELS: Record<Schemas["RequestStatus"], string> = {
  submitted: "ثبت شده",
  under_review: "در حال بررسی",
  awaiting_documents: "در انتظار مدارک تکمیلی",
  returned_for_correction: "بازگشت به دستگاه برای اصلاح",
  permit_issued: "مجوز صادر و به پلیس راهور ارسال شد",
  permit_expired: "مجوز بدون اقدام پلیس راهور منقضی شد",
  plate_removed: "پلاک فک شد",
  removal_refused: "فک پلاک توسط پلیس راهور تأیید نشد",
  completed: "فک پلاک در سامانه جامع خودرو ثبت شد",
  rejected: "رد شده",
  withdrawn: "انصراف متقاضی",
};

export const REASONS: Record<Schemas["Reason"], string> = {
  auction_sale: "فروش از طریق مزایده",
  scrapping: "اسقاط",
  transfer: "انتقال به دستگاه دیگر",
  total_loss: "تلف کامل بر اثر سانحه",
  other: "سایر",
};

export const VEHICLE_TYPES: Record<Schemas["VehicleType"], string> = {
  passenger_car: "سواری",
  pickup: "وانت",
  van: "ون",
  minibus: "مینی‌بوس",
  bus: "اتوبوس",
  truck: "کامیون",
  ambulance: "آمبولانس",
  special: "خودروی ویژه",
  other: "سایر",
};

export const REJECTION_REASONS: Record<Schemas["RejectionReason"], string> = {
  incomplete_documents: "نقص مدارک",
  not_government_vehicle: "خودرو دولتی نیست",
  ownership_unclear: "ابهام در مالکیت",
  duplicate_request: "درخواست تکراری",
  other: "سایر",
};

export const DOCUMENT_TYPES: Record<Schemas["DocumentType"], string> = {
  request_letter: "نامهٔ درخواست",
  ownership_document: "سند مالکیت",
  vehicle_card: "کارت خودرو",
  auction_minutes: "صورت‌جلسهٔ مزایده",
  scrapping_certificate: "گواهی اسقاط",
  technical_inspection: "گواهی معاینهٔ فنی",
  other: "سایر مدارک",
  removal_record: "صورت‌جلسهٔ فک پلاک",
};

/** Why the directorate revokes a permit (`request_withdrawn` is the agency's withdrawal's own). */
export const REVOKE_REASONS = {
  issued_in_error: "صدور نادرست مجوز",
  vehicle_status_changed: "تغییر وضعیت خودرو",
  other: "سایر (با توضیح)",
} as const;

/** Complaint categories, worded as the API's `category_label_fa`. */
export const CATEGORIES: Record<Schemas["Category"], string> = {
  delay: "تأخیر در رسیدگی",
  conduct: "رفتار کارکنان",
  technical: "اشکال فنی سامانه",
  other: "سایر",
};
