// Sign-in, the forced password change on first login, and the screen of an ended session.
import { api, ok } from "../api.js";
import { h } from "../dom.js";
import { busy, field, showProblem, values } from "../forms.js";
import { go } from "../main.js";
import { login, passwordChanged, session } from "../session.js";

export function signIn(): Node {
  const form = h(
    "form",
    { class: "card narrow", novalidate: true },
    h("h1", null, "ورود به سامانه"),
    h("p", { class: "lead" }, "سامانهٔ صدور مجوز فک پلاک خودروهای دولتی"),
    field({ name: "username", label: "نام کاربری", required: true, autocomplete: "username", ltr: true }),
    field({ name: "password", label: "گذرواژه", type: "password", required: true, autocomplete: "current-password", ltr: true }),
    h("button", { type: "submit" }, "ورود"),
  );
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const v = values(form);
    busy(form, true);
    try {
      await login(v.get("username") ?? "", (form.elements.namedItem("password") as HTMLInputElement).value);
      go("#/");
    } catch (e) {
      showProblem(form, e);
    } finally {
      busy(form, false);
    }
  });
  return form;
}

export function changePassword(): Node {
  const s = session();
  const form = h(
    "form",
    { class: "card narrow", novalidate: true },
    h("h1", null, "تغییر گذرواژه"),
    h(
      "p",
      { class: "lead" },
      "گذرواژهٔ شما موقت است. پیش از ادامهٔ کار، گذرواژهٔ تازه‌ای برگزینید: دست‌کم ۱۰ نویسه، جز نام کاربری و گذرواژهٔ کنونی؛ عبارتی از چند واژهٔ نامرتبط مناسب است.",
    ),
    s ? h("input", { type: "text", name: "username", autocomplete: "username", value: s.user.username, hidden: true, readonly: true }) : null,
    field({ name: "current_password", label: "گذرواژهٔ کنونی", type: "password", required: true, autocomplete: "current-password", ltr: true }),
    field({ name: "new_password", label: "گذرواژهٔ تازه", type: "password", required: true, autocomplete: "new-password", ltr: true }),
    h("button", { type: "submit" }, "ذخیرهٔ گذرواژه"),
  );
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const pw = (n: string): string => (form.elements.namedItem(n) as HTMLInputElement).value;
    busy(form, true);
    try {
      await ok(api.POST("/api/v1/auth/password", { body: { current_password: pw("current_password"), new_password: pw("new_password") } }));
      passwordChanged();
      // A fresh sign-in with the new password: a session opened under the old one may be ended.
      if (s) await login(s.user.username, pw("new_password"));
      go("#/");
    } catch (e) {
      showProblem(form, e);
    } finally {
      busy(form, false);
    }
  });
  return form;
}

export function sessionEnded(): Node {
  return h(
    "section",
    { class: "card narrow", "aria-labelledby": "ended-h" },
    h("h1", { id: "ended-h" }, "نشست شما پایان یافته است"),
    h(
      "p",
      null,
      "نشست کاری شما دیگر معتبر نیست: یا مدتی طولانی بی‌کار مانده، یا از حساب خارج شده‌اید، یا مدیر سامانه آن را باطل کرده است. برای ادامه دوباره وارد شوید.",
    ),
    h("a", { class: "button", href: "#/signin" }, "ورود دوباره"),
  );
}
