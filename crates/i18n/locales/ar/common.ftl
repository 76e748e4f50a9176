# كلمات مشتركة في المنتج.
lang-name = العربية
commitments-count = { PLURAL($count) ->
    [zero] لا التزامات
    [one] التزام واحد
    [two] التزامان
    [few] { $count } التزامات
    [many] { $count } التزامًا
   *[other] { $count } التزام
}
illustrative = توضيحي
illustrative-note = القيم الموسومة بأنها توضيحية ليست أرقامًا منشورة: إنما توضّح الحالة فقط.
commitment-status-not-started = لم يبدأ
commitment-status-minimal = أدنى
commitment-status-intermediate = متوسط
commitment-status-full = كامل
assessment-draft = مسودة
assessment-submitted = مُقدَّم
assessment-endorsed = مُعتمَد
assessment-returned = مُعاد
