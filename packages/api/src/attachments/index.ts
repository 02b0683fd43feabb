export {
  addAttachment,
  assertRequestVisible,
  listRequestAttachments,
  openAttachment,
  removeAttachment,
  staffScopeOf,
  type AddedAttachment,
  type OpenedAttachment,
  type StaffScope,
} from "./service";
