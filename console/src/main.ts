// The console's entry: the shell (header, navigation by role, sign-out), the hash router and
// the session's life cycle. Routes are `#/…` fragments, so the console owns no server path
// but `/` and `/assets/…`.
import "./styles.css";
import { whenSessionLost } from "./api.js";
import { h, replace } from "./dom.js";
import { logout, onRefreshFailure, restore, session, forget } from "./session.js";
import { signIn, changePassword, sessionEnded } from "./screens/auth.js";
import { requestList } from "./screens/list.js";
import { fileRequest } from "./screens/file.js";
import { requestPage } from "./screens/request.js";
import { receipt } from "./screens/receipt.js";
import { complaintList, complaintPage, newComplaint } from "./screens/complaints.js";
// The administrators' screens and the SLA dashboard are separate chunks, loaded when first
// opened: the first load of the agency's desk and the directorate's queue does not carry them.
const admin = () => import("./screens/admin.js");
const audit = () => import("./screens/audit.js");

export type Screen = (params: string[]) => Promise<Node> | Node;

interface Route {
  pattern: RegExp;
  screen: Screen;
  title: string;
}

const routes: Route[] = [
  { pattern: /^\/requests\/new$/, screen: () => fileRequest(), title: "ثبت درخواست" },
  { pattern: /^\/requests\/([0-9a-f-]{36})\/receipt$/, screen: ([id]) => receipt(id ?? ""), title: "رسید ثبت" },
  { pattern: /^\/requests\/([0-9a-f-]{36})$/, screen: ([id]) => requestPage(id ?? ""), title: "پرونده" },
  { pattern: /^\/requests$/, screen: () => requestList("mine"), title: "درخواست‌های من" },
  { pattern: /^\/queue$/, screen: () => requestList("queue"), title: "کارتابل اداره کل" },
  { pattern: /^\/complaints$/, screen: () => complaintList(), title: "شکایت‌ها و پیشنهادها" },
  { pattern: /^\/complaints\/new(?:\/(\d{12}))?$/, screen: ([tracking]) => newComplaint(tracking), title: "ثبت شکایت یا پیشنهاد" },
  { pattern: /^\/complaints\/([0-9a-f-]{36})$/, screen: ([id]) => complaintPage(id ?? ""), title: "شکایت" },
  // The SLA dashboard (directorate, administrators) and the administrators' screens.
  { pattern: /^\/dashboard$/, screen: async () => (await import("./screens/dashboard.js")).dashboard(), title: "داشبورد سطح خدمت" },
  { pattern: /^\/admin\/users$/, screen: async () => (await admin()).usersScreen(), title: "کاربران و دستگاه‌ها" },
  { pattern: /^\/admin\/service-accounts$/, screen: async () => (await admin()).serviceAccountsScreen(), title: "حساب‌های سرویس" },
  { pattern: /^\/admin\/webhooks$/, screen: async () => (await admin()).webhooksScreen(), title: "وب‌هوک‌ها" },
  { pattern: /^\/admin\/sms$/, screen: async () => (await import("./screens/sms.js")).smsScreen(), title: "قالب‌های پیامک" },
  { pattern: /^\/admin\/calendar$/, screen: async () => (await import("./screens/calendar.js")).calendarScreen(), title: "تقویم کاری" },
  { pattern: /^\/admin\/notices$/, screen: async () => (await admin()).noticesScreen(), title: "اطلاعیه‌ها" },
  { pattern: /^\/admin\/audit$/, screen: async () => (await audit()).auditScreen(), title: "رویدادنگاری" },
  { pattern: /^\/admin\/access-log\/([0-9a-f-]{36})$/, screen: async ([id]) => (await audit()).accessLogScreen(id ?? ""), title: "گزارش دسترسی پرونده" },
];

function home(): string {
  const role = session()?.user.role;
  if (role === "agency") return "#/requests";
  return "#/queue";
}

export function go(hash: string): void {
  if (location.hash === hash) void render();
  else location.hash = hash;
}

function nav(): HTMLElement {
  const s = session();
  // The Persian guide is served by the service itself (`/guide/fa/`), outside the console's routes.
  const help = h("a", { class: "help", href: "/guide/fa/", target: "_blank", rel: "noopener" }, "راهنما");
  if (!s) return h("header", { class: "top" }, h("span", { class: "brand" }, "سامانهٔ مجوز فک پلاک"), help);
  const links: Array<[string, string]> =
    s.user.role === "agency"
      ? [
          ["#/requests", "درخواست‌های من"],
          ["#/requests/new", "ثبت درخواست"],
          ["#/complaints", "شکایت‌ها و پیشنهادها"],
        ]
      : [["#/queue", s.user.role === "directorate" ? "کارتابل اداره کل" : "درخواست‌ها"]];
  if (s.user.role === "directorate" || s.user.role === "admin") links.push(["#/dashboard", "داشبورد سطح خدمت"]);
  if (s.user.role === "admin") links.push(["#/admin/users", "مدیریت"]);
  const here = location.hash || home();
  return h(
    "header",
    { class: "top" },
    h("a", { class: "brand", href: home() }, "سامانهٔ مجوز فک پلاک"),
    h(
      "nav",
      { "aria-label": "پیمایش اصلی" },
      h("ul", null, links.map(([href, text]) => h("li", null, h("a", { href, "aria-current": here === href || (href === "#/admin/users" && here.startsWith("#/admin/")) ? "page" : null }, text)))),
    ),
    h(
      "div",
      { class: "who" },
      help,
      h("span", null, s.user.full_name, " — ", s.user.role_label_fa),
      h(
        "button",
        {
          type: "button",
          class: "secondary",
          onclick: async () => {
            try {
              await logout();
            } catch {
              /* the session is forgotten here either way */
            }
            go("#/signin");
          },
        },
        "خروج",
      ),
    ),
  );
}

let renderSeq = 0;

export async function render(): Promise<void> {
  const seq = ++renderSeq;
  const app = document.getElementById("app");
  if (!app) return;
  const path = (location.hash || "#/").slice(1);
  const s = session();
  const main = h("main", { id: "main", tabindex: "-1" });
  let screen: Screen;
  let title = "سامانهٔ مجوز فک پلاک";
  if (path === "/ended") {
    screen = () => sessionEnded();
    title = "پایان نشست";
  } else if (!s || path === "/signin") {
    if (s && path === "/signin") return go(home());
    screen = () => signIn();
    title = "ورود";
  } else if (s.mustChangePassword) {
    screen = () => changePassword();
    title = "تغییر گذرواژه";
  } else {
    const route = routes.find((r) => r.pattern.test(path));
    if (!route) return go(home());
    const params = path.match(route.pattern)?.slice(1) ?? [];
    screen = () => route.screen(params);
    title = route.title;
  }
  replace(app, nav(), main);
  replace(main, h("p", { class: "loading", role: "status" }, "در حال بارگذاری…"));
  document.title = `${title} — سامانهٔ مجوز فک پلاک`;
  const node = await screen(path.split("/").slice(2));
  if (seq !== renderSeq) return;
  replace(main, node);
  main.focus({ preventScroll: true });
}

function sessionLost(): void {
  forget();
  go("#/ended");
}

async function start(): Promise<void> {
  whenSessionLost(sessionLost);
  onRefreshFailure(sessionLost);
  window.addEventListener("hashchange", () => void render());
  await restore();
  await render();
}

void start();
