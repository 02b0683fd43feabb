import {
  ZCitizenAddInfoInput,
  ZCitizenInput,
  ZCitizenRecognitionInput,
  ZCitizenReopenInput,
  ZOtpRequestInput,
  ZOtpVerifyInput,
  ZPortalCityInput,
  ZPortalFeedbackInput,
  ZPortalSubmitInput,
  ZPortalSupportInput,
  ZPortalTrackInput,
  ZPublicListInput,
  ZPublicMessageInput,
  ZQrOpenInput,
} from "@city137/validators";
import { publicProcedure, router } from "../../trpc";
import { cityFace, openQr, portalCatalogue } from "./catalogue";
import { inCity, portalCity } from "../../portal/city";
import { addInfo, myRequests, reopen, setRecognition } from "./citizen";
import { giveFeedback } from "./feedback";
import { requestOtp, verifyOtp } from "./otp";
import { submitFromPortal } from "./submit";
import { publicList, publicMessage, supportFromPortal } from "./public";
import { provenRequest, trackView } from "./track";

/** The citizen portal: public procedures, the city chosen by the URL's slug only (docs/decisions/012). */
export const portalRouter = router({
  city: publicProcedure.input(ZPortalCityInput).query(({ ctx, input }) => cityFace(ctx, input.city)),
  catalogue: publicProcedure.input(ZPortalCityInput).query(({ ctx, input }) => portalCatalogue(ctx, input.city)),
  submit: publicProcedure.input(ZPortalSubmitInput).mutation(({ ctx, input }) => submitFromPortal(ctx, input)),
  track: publicProcedure.input(ZPortalTrackInput).query(async ({ ctx, input }) => {
    const city = await portalCity(ctx, input.city);
    return inCity(ctx, city, async (tx) => {
      const { request, secret } = await provenRequest(ctx, tx, city, input.trackingCode, { last4: input.last4, token: input.token });
      return trackView(tx, city, request, secret);
    });
  }),
  feedback: publicProcedure.input(ZPortalFeedbackInput).mutation(({ ctx, input }) => giveFeedback(ctx, input)),
  qr: publicProcedure.input(ZQrOpenInput).mutation(({ ctx, input }) => openQr(ctx, input)),
  otpRequest: publicProcedure.input(ZOtpRequestInput).mutation(({ ctx, input }) => requestOtp(ctx, input)),
  otpVerify: publicProcedure.input(ZOtpVerifyInput).mutation(({ ctx, input }) => verifyOtp(ctx, input)),
  mine: publicProcedure.input(ZCitizenInput).query(({ ctx, input }) => myRequests(ctx, input)),
  addInfo: publicProcedure.input(ZCitizenAddInfoInput).mutation(({ ctx, input }) => addInfo(ctx, input)),
  reopen: publicProcedure.input(ZCitizenReopenInput).mutation(({ ctx, input }) => reopen(ctx, input)),
  recognition: publicProcedure.input(ZCitizenRecognitionInput).mutation(({ ctx, input }) => setRecognition(ctx, input)),
  publicList: publicProcedure.input(ZPublicListInput).query(({ ctx, input }) => publicList(ctx, input)),
  publicMessage: publicProcedure.input(ZPublicMessageInput).query(({ ctx, input }) => publicMessage(ctx, input)),
  support: publicProcedure.input(ZPortalSupportInput).mutation(({ ctx, input }) => supportFromPortal(ctx, input)),
});
