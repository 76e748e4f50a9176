## رسائل القواعد (العربية): ما يجب أن تحترمه كل كتابة لسجل، ورفض المخزن وسير العمل بالكلمات.
rules-text-control = يحتوي النص على محرف تحكم ({ $code }، المحرف رقم { $position })؛ هذه المحارف قد تعيد كتابة الطرفية أو تخفي ما يقوله النص
rules-text-too-long = في النص { $count } محرفًا؛ والحد الأقصى المسموح به هنا { $max }
rules-text-help = احذف محارف التحكم والهروب (علامات الجدولة وفواصل الأسطر مقبولة) وابقَ ضمن حد النص
rules-unknown-field = حقل غير معروف `{ $field }`
rules-unknown-field-help = احذفه، أو راجع تهجئته في وثيقة الواجهة البرمجية
rules-unreadable = تعذّرت قراءة هذه القيمة: { $reason }
rules-unreadable-help = أعطِ القيمة النوع الذي تذكره وثيقة الواجهة البرمجية لهذا الحقل
rules-id-mismatch = معرّف المتن هو `{ $body }` وليس `{ $id }`
rules-id-mismatch-help = يجب أن يطابق المعرّف في المتن المعرّف في العنوان
rules-breaks-record = هذا التغيير يُفسد { $kind } `{ $id }`: { $problem }
rules-breaks-record-help = عدّل ذلك السجل أولًا، أو أجرِ هذا التغيير بحيث يبقى صحيحًا
rules-in-use-help = هذا السجل ما زال مستخدمًا: عدّل السجل الذي يشير إليه أو احذفه أولًا
rules-breaks-observations = هذا التغيير يُفسد ملاحظات مخزنة: { $problem }
rules-breaks-observations-help = تشير الملاحظات إلى هذا السجل وهي محفوظة، فأبقِ ما تشير إليه
kind-record = سجل

store-actor-required = كل كتابة تحتاج إلى اسم من يجريها
store-state-unreadable = تعذّرت قراءة الحالة: { $reason }
store-case-exists = تحتوي قاعدة البيانات هذه على حالة بالفعل: استورد إلى قاعدة فارغة
store-new-assessment-draft = يبدأ التقييم الجديد مسودةً
store-state-by-workflow = تتغير الحالة عبر سير العمل (تقديم، اعتماد، إعادة) لا بالتعديل
store-case-created-by-import = يُنشأ سجل الحالة باستيراد حالة
store-case-not-deletable = لا يمكن حذف سجل الحالة
store-user-exists = المستخدم `{ $name }` موجود بالفعل
store-no-party = لا يوجد طرف `{ $party }` في الحالة
store-party-wrong-role = ‏{ $role } ينتمي إلى طرف دوره { $want ->
    [delegation] وفد
   *[other] شريك في التحالف
}
store-no-factor = لا يوجد عامل `{ $factor }` في الحالة
store-user-disabled = المستخدم `{ $name }` معطّل
store-bad-lang = ‏`{ $value }` ليست لغة: استخدم ar أو en
store-bad-digits = ‏`{ $value }` ليس نوعًا من الأرقام: استخدم latin أو arabic-indic
store-bad-email = ‏`{ $value }` ليس عنوان بريد إلكتروني: اكتبه على هيئة name@example.org دون مسافات
store-bad-reminders = ‏`{ $value }` ليس إعدادًا للتذكيرات: استخدم off أو daily أو immediate
store-reminders-need-email = تحتاج التذكيرات إلى عنوان بريد إلكتروني: أضِف عنوانًا، أو أوقف التذكيرات
store-bad-user-name = استخدم حروفًا لاتينية صغيرة وأرقامًا و- و_ (64 على الأكثر)
store-display-name-empty = يجب ألا يكون الاسم المعروض فارغًا
store-password-short = يجب أن تتكون كلمة المرور من { $min } محرفًا على الأقل
store-role-needs-party = ‏{ $role } ينتمي إلى طرف
store-member-needs-factor = عضو فريق العمل ينتمي إلى فريق عمل أحد العوامل
store-only-members-have-factor = لأعضاء فرق العمل وحدهم عامل
store-statement-version-kept = تُحفظ نسخة البيان كما كُتبت: اكتب نسخة جديدة بدلًا من ذلك
store-response-kept = يُحفظ رد الشريك كما كُتب
store-released-version-frozen = النسخة المنشورة مجمّدة: أي تعديل لاحق ينشئ نسخة جديدة
store-follow-up-grows = سجل حالة الالتزام يزداد فقط: تبقى التغييرات السابقة كما سُجّلت
store-record-kept = هذا الجزء من السجل محفوظ: لا يمكن حذفه
store-released-version-kept = النسخة المنشورة محفوظة: لا يمكن حذفها
store-statement-version-id = معرّف نسخة البيان هو ROUND-vN (جولته ورقمه)
store-consultation-version-id = معرّف نسخة المشاورة هو CONSULTATION-vN (مشاورتها ورقمها)
store-reason-required = الاعتراض أو التعليق يحتاج إلى أسبابه
store-reason-too-long = السبب طويل جدًا
store-scale-no-version = يحتاج المقياس إلى نسخة واحدة على الأقل
store-unknown-indicator = مؤشر غير معروف { $indicator }
store-value-not-finite = القيمة ليست عددًا منتهيًا
store-count-negative = لا يمكن أن يكون العدد سالبًا ({ $value })
store-share-range = تقع النسبة بين 0 و1 ({ $value })
store-level-range = المستوى رتبة من 1 إلى { $max } ({ $value })
store-unknown-reference = ‏{ $kind } غير معروف: { $id }
workflow-not-allowed = لا يمكن { $action ->
    [submit] تقديم
    [endorse] اعتماد
   *[return] إعادة
} تقييم { $state ->
    [draft] ما زال مسودة
    [submitted] مقدَّم
    [endorsed] معتمد
   *[returned] معاد
}
workflow-not-a-delegation = ‏`{ $party }` ليس وفدًا في الحالة
workflow-already-endorsed = اعتمد الوفد `{ $party }` هذا التقديم بالفعل
workflow-no-reasons = إعادة التقييم تحتاج إلى أسباب
rules-id-missing = يحتاج المتن إلى سلسلة نصية `{ $field }` (معرّفه)

## الحسابات بعد إنشائها (المسألة 17): كلمة المرور الخاصة، وإعادة التعيين، وإعادة التفعيل
store-account-not-secretariat = الأمانة وحدها تعيد تعيين الحسابات أو تفعّلها أو تعطّلها
store-account-directory = `{ $name }` حساب من الدليل: كلمة مروره يحفظها دليل المؤسسة (LDAP / Active Directory) لا هذا النظام. غيّرها أو أعد تعيينها في الدليل
store-account-oneself-disable = لا يمكنك تعطيل حسابك أنت؛ يستطيع ذلك عضو آخر في الأمانة
store-account-oneself-reset = لا يمكنك إعادة تعيين كلمة مرورك أنت: غيّرها من صفحة إعداداتك بإدخال كلمة المرور الحالية
store-password-wrong-current = كلمة المرور الحالية غير صحيحة؛ اكتب كلمة المرور التي دخلت بها
store-password-same = كلمة المرور الجديدة هي الحالية نفسها؛ اختر كلمة مختلفة
