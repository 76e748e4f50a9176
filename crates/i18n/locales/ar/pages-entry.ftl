## إدخال البيانات في الصفحات (المسألة 17): الأرقام في صفحة المؤشر، والالتزامات في السجل

pages-figures-link = تسجيل أرقام
pages-figures-title = تسجيل أرقام: { $indicator }
pages-figures-not-allowed-title = ليس تسجيلها من شأنك
pages-figures-not-allowed = لا يسجّل أرقام { $indicator } إلا الأمانة وفريق العمل المختص بعامله.
pages-figures-other-factor = لا يسجّل فريق عملك إلا أرقام عامله: احذف صفوف مؤشرات العوامل الأخرى.
pages-figures-recorded = { PLURAL($count) ->
    [zero] لم يُسجَّل أي رقم
    [one] سُجِّل رقم واحد
    [two] سُجِّل رقمان
    [few] سُجِّلت { $count } أرقام
    [many] سُجِّل { $count } رقمًا
   *[other] سُجِّل { $count } رقم
}
pages-figures-recorded-caption = الأرقام التي سُجِّلت للتو
pages-figures-see-indicator = اعرضها في صفحة المؤشر
pages-figures-one-title = رقم واحد
pages-figures-one-refused = لم يُسجَّل شيء: صحّح الحقول المعلَّمة أدناه.
pages-figures-period-hint = تُكتب لهذا المؤشر هكذا: { $example }
pages-figures-value-count = عدد صحيح، صفر أو أكثر.
pages-figures-value-share = نسبة بين 0 و1: اكتب 45% هكذا 0.45.
pages-figures-value-number = عدد؛ بنقطة عشرية لا بفاصلة.
pages-figures-as-of = تاريخ ذكره (تاريخ المصدر)
pages-figures-document = وثيقة (اختياري)
pages-figures-document-hint = معرّف وثيقة من وثائق الحالة تذكر هذا الرقم، مثل jscd-1-statement؛ اتركه فارغًا إن لم توجد.
pages-figures-illustrative = توضيحي: قيمة مفترضة لبيان طريقة عمل الحالة، لا يذكرها مصدر
pages-figures-one-submit = سجّل الرقم
pages-figures-csv-title = أرقام كثيرة من ملف CSV
pages-figures-csv-intro = الصق الصفوف أدناه أو اختر ملفًا، بصيغة ملاحظات الحزمة وصيغة الأمر `tahawul import observations`: الصف الأول يسمّي الأعمدة. تُسجَّل الصفوف معًا أو لا يُسجَّل شيء: إن كان في أي صف خطأ لم يُسجَّل شيء وذُكر كل صف خاطئ.
pages-figures-csv-refused = { PLURAL($count) ->
    [zero] لم يُسجَّل شيء
    [one] لم يُسجَّل شيء: مشكلة واحدة تحتاج إلى تصحيح.
    [two] لم يُسجَّل شيء: مشكلتان تحتاجان إلى تصحيح.
    [few] لم يُسجَّل شيء: { $count } مشكلات تحتاج إلى تصحيح.
    [many] لم يُسجَّل شيء: { $count } مشكلة تحتاج إلى تصحيح.
   *[other] لم يُسجَّل شيء: { $count } مشكلة تحتاج إلى تصحيح.
}
pages-figures-row = الصف { $row }
pages-figures-csv-text = صفوف CSV
pages-figures-csv-file = أو ملف CSV (يُستعمل بدل الصفوف أعلاه)
pages-figures-csv-submit = سجّل الأرقام
pages-figures-csv-unreadable = تعذّرت قراءة النموذج: أرسله من جديد من هذه الصفحة.
pages-figures-csv-not-utf8 = الملف { $file } ليس نصًا بترميز UTF-8: احفظه بصيغة "CSV UTF-8" ثم اختره من جديد.
pages-figures-csv-empty = الصق الصفوف أو اختر ملفًا.

pages-commitment-new-link = تسجيل التزام
pages-commitment-new-title = تسجيل التزام
pages-commitment-back = العودة إلى سجل الالتزامات
pages-commitment-recorded = سُجِّل الالتزام { $id }.
pages-commitment-see-ledger = اعرضه في السجل
pages-commitment-refused = لم يُسجَّل شيء: صحّح الحقول المعلَّمة أدناه.
pages-commitment-id-taken = يوجد التزام بالمعرّف { $id }: اختر معرّفًا آخر.
pages-commitment-id = المعرّف
pages-commitment-id-hint = حروف لاتينية صغيرة وأرقام وشرطات، لا يتكرر في الحالة، مثل us-train-brigades-2026.
pages-commitment-parties = الطرف الملتزم
pages-commitment-text-en = نص الالتزام بالإنجليزية
pages-commitment-text-ar = نص الالتزام بالعربية
pages-commitment-theme-hint = معرّف قصير يجمع الالتزامات، مثل force-protection؛ اختر معرّفًا مستعملًا إن ناسب.
pages-commitment-due = الموعد (اختياري)
pages-commitment-note-en = سبب هذه الحالة بالإنجليزية
pages-commitment-note-ar = سبب هذه الحالة بالعربية
pages-commitment-sources = الوثائق التي تسجّله (اختياري)
pages-commitment-evidence = أدلة حالته (اختياري)
pages-commitment-documents-hint = معرّفات وثائق من وثائق الحالة، تفصل بينها فواصل.
pages-commitment-shared = شاركه مع الوفد الآخر الآن
pages-commitment-submit = سجّل الالتزام
