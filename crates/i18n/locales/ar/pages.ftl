# صفحات الويب (العربية). المعرّفات والمتغيرات مطابقة لـ en/pages.ftl.
pages-app-name = تحوّل
pages-skip = انتقل إلى المحتوى الرئيسي
pages-lang-other = English
pages-digits-arabic-indic = الأرقام الهندية
pages-digits-latin = الأرقام اللاتينية
pages-nav-dashboard = لوحة المتابعة
pages-sign-in-title = تسجيل الدخول
pages-sign-in-name = اسم المستخدم
pages-sign-in-password = كلمة المرور
pages-sign-in-submit = دخول
pages-sign-in-failed = اسم المستخدم أو كلمة المرور غير صحيحة.
pages-sign-out = تسجيل الخروج
pages-signed-in-as = مسجَّل الدخول باسم { $name } ({ $role })
pages-role-secretariat = الأمانة العامة
pages-role-delegation-head = رئيس وفد
pages-role-delegation-member = عضو وفد
pages-role-working-group-member = عضو فريق عمل
pages-role-coalition-partner = شريك في التحالف
pages-role-auditor = مدقّق
pages-csrf-refused = انتهت صلاحية هذا النموذج أو لم يُرسَل من هذا الموقع. أعد تحميل الصفحة وحاول مجددًا.
pages-dashboard-title = لوحة المتابعة
pages-as-of = حتى تاريخ { $date }
pages-heatmap-title = حالة كل عامل حسب المنطقة
pages-heatmap-desc = { PLURAL($areas) ->
    [zero] لا مناطق
    [one] منطقة واحدة
    [two] منطقتان
    [few] { $areas } مناطق
    [many] { $areas } منطقةً
   *[other] { $areas } منطقة
} في { PLURAL($factors) ->
    [zero] لا عوامل
    [one] عامل واحد
    [two] عاملين
    [few] { $factors } عوامل
    [many] { $factors } عاملًا
   *[other] { $factors } عامل
}: متحقق { $met }، غير متحقق { $notmet }، متقادم { $stale }، بلا بيانات { $nodata }.
pages-heatmap-empty = لا توجد منطقة أو عامل يمكنك الاطلاع عليه.
pages-cell-title = { $area }، { $factor }: { $status }
pages-gates-title = بوابات المراحل
pages-gate-areas-met = { PLURAL($total) ->
    [one] تحققت { $met } من منطقة واحدة
    [two] تحققت { $met } من منطقتين
    [few] تحققت { $met } من { $total } مناطق
    [many] تحققت { $met } من { $total } منطقةً
   *[other] تحققت { $met } من { $total } منطقة
}
pages-gates-empty = لا توجد مرحلة يمكنك الاطلاع عليها.
pages-col-phase = المرحلة
pages-col-gate = البوابة
pages-col-areas = المناطق
pages-commitments-title = الالتزامات حسب الطرف
pages-col-party = الطرف
pages-col-total = المجموع
pages-commitments-empty = لا يوجد التزام يمكنك الاطلاع عليه.
pages-nav-label = التنقل الرئيسي
pages-nav-indicators = المؤشرات
pages-nav-forecast = التوقعات
pages-nav-gates = محرر الشروط
pages-nav-assessments = التقييمات
pages-nav-commitments = الالتزامات
pages-nav-rounds = الجولات
pages-nav-consultations = التشاور
pages-nav-report = تقرير الدورة
pages-nav-intake = البيانات
pages-nav-users = المستخدمون
pages-nav-audit = سجل التدقيق
pages-nav-settings = الإعدادات
pages-nav-inbox = صندوق الوارد
pages-nav-inbox-count = { PLURAL($count) ->
    [zero] لا عناصر في صندوق الوارد
    [one] عنصر واحد في صندوق الوارد
    [two] عنصران في صندوق الوارد
    [few] { $count } عناصر في صندوق الوارد
    [many] { $count } عنصرًا في صندوق الوارد
   *[other] { $count } عنصر في صندوق الوارد
}

## الجداول (pages/table.rs): الترتيب والتصفية والبحث والصفحات وتصدير CSV.
pages-table-tools = البحث والتصفية: { $table }
pages-table-search = بحث
pages-table-any = (الكل)
pages-table-apply = عرض
pages-table-csv = تنزيل بصيغة CSV
pages-table-rows = { PLURAL($count) ->
    [zero] لا صفوف
    [one] صف واحد
    [two] صفّان
    [few] { $count } صفوف
    [many] { $count } صفًا
   *[other] { $count } صف
}
pages-table-pages = صفحات { $table }
pages-table-page-of = الصفحة { $page } من { $pages } (الصفوف من { $first } إلى { $last } من { $count })
pages-table-first = الصفحة الأولى
pages-table-previous = الصفحة السابقة
pages-table-next = الصفحة التالية
pages-table-last = الصفحة الأخيرة
pages-table-same-as-above = مثل الصف الذي فوقه
pages-table-bad-page = «{ $value }» ليس رقم صفحة، لذلك تُعرض الصفحة الأولى. اكتب رقم صفحة صحيحًا، مثل { $example }.
pages-table-bad-per = «{ $value }» ليس عددًا للصفوف في الصفحة، لذلك تُعرض { $per } صفًا. اكتب عددًا صحيحًا لا يزيد على { $max }.
pages-table-bad-dir = «{ $value }» ليس اتجاه ترتيب، لذلك يُستعمل الاتجاه المعتاد للعمود. استعمل asc (تصاعدي) أو desc (تنازلي).
pages-table-bad-sort = ليس في هذا الجدول عمود «{ $value }» للترتيب به، لذلك يبقى على ترتيبه المعتاد. اختر عمودًا بالنقر على عنوانه.
pages-table-past-end = لا توجد صفحة { $page }: في الجدول { $pages } صفحة، لذلك تُعرض الأخيرة.
