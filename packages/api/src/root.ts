import { apiKeyRouter } from "./routers/api-key";
import { responseTemplateRouter } from "./routers/response-template";
import { savedFilterRouter } from "./routers/saved-filter";
import { areaRouter } from "./routers/area";
import { attachmentRouter } from "./routers/attachment";
import { auditRouter } from "./routers/audit";
import { brandingRouter } from "./routers/branding";
import { calendarRouter } from "./routers/calendar";
import { categoryRouter } from "./routers/category";
import { requestRouter } from "./routers/request";
import { routingRouter } from "./routers/routing";
import { portalRouter } from "./routers/portal";
import { protectedReportRouter } from "./routers/protected-report";
import { qrRouter } from "./routers/qr";
import { smsRouter } from "./routers/sms";
import { authRouter } from "./routers/auth";
import { billingRouter } from "./routers/billing";
import { cityRouter } from "./routers/city";
import { regionRouter } from "./routers/region";
import { staffRouter } from "./routers/staff";
import { tenantRouter } from "./routers/tenant";
import { unitRouter } from "./routers/unit";
import { insightRouter } from "./routers/insight";
import { rankingRouter } from "./routers/ranking";
import { directSessionRouter } from "./routers/direct-session";
import { router } from "./trpc";

export const appRouter = router({
  auth: authRouter,
  city: cityRouter,
  region: regionRouter,
  unit: unitRouter,
  staff: staffRouter,
  audit: auditRouter,
  tenant: tenantRouter,
  branding: brandingRouter,
  area: areaRouter,
  category: categoryRouter,
  routing: routingRouter,
  calendar: calendarRouter,
  request: requestRouter,
  directSession: directSessionRouter,
  attachment: attachmentRouter,
  apiKey: apiKeyRouter,
  portal: portalRouter,
  protectedReport: protectedReportRouter,
  qr: qrRouter,
  sms: smsRouter,
  billing: billingRouter,
  insight: insightRouter,
  ranking: rankingRouter,
  responseTemplate: responseTemplateRouter,
  savedFilter: savedFilterRouter,
});

export type AppRouter = typeof appRouter;
