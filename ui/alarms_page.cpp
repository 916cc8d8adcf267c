#include "alarms_page.h"

#include "acknowledge_alarm_dialog.h"
#include "alarm_proxy_model.h"
#include "alarm_table_model.h"
#include "row_table.h"
#include "shelve_alarm_dialog.h"
#include "ui_alarms_page.h"

#include "alarms/alarm_keeper.h"

#include <QCheckBox>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSettings>
#include <QTableView>
#include <QTimer>

namespace cc::ui {

namespace {

const QString kUnacknowledgedOnlyKey = QStringLiteral("alarms/unacknowledgedOnly");
const QString kShowClearedKey = QStringLiteral("alarms/showCleared");
// The times shifts change, for "until the end of the shift" ("07:00,19:00").
const QString kShiftChangesKey = QStringLiteral("alarms/shiftChanges");

} // namespace

AlarmsPage::AlarmsPage(QWidget *parent)
    : QWidget(parent)
    , m_model(new AlarmTableModel(this))
    , m_proxy(new AlarmProxyModel(this))
    , m_ui(std::make_unique<Ui::AlarmsPage>())
    , m_tick(new QTimer(this))
{
    m_ui->setupUi(this);
    m_proxy->setSourceModel(m_model);

    QFont big = m_ui->alarmSummary->font();
    if (big.pointSizeF() > 0)
        big.setPointSizeF(big.pointSizeF() * 1.3);
    else
        big.setPixelSize(qRound(big.pixelSize() * 1.3));
    big.setBold(true);
    m_ui->alarmSummary->setFont(big);
    QSettings settings;
    m_ui->unacknowledgedOnly->setChecked(settings.value(kUnacknowledgedOnlyKey, false).toBool());
    m_ui->showCleared->setChecked(settings.value(kShowClearedKey, false).toBool());

    m_ui->alarmTable->setModel(m_proxy);
    m_ui->alarmTable->sortByColumn(int(AlarmTableModel::Column::State), Qt::AscendingOrder);
    setUpRowTable(m_ui->alarmTable, QAbstractItemView::ExtendedSelection, 8);
    using C = AlarmTableModel::Column;
    setColumnWidths(m_ui->alarmTable, fontMetrics().horizontalAdvance(QLatin1Char('m')),
                    {{int(C::Id), 4}, {int(C::State), 11}, {int(C::Alarm), 19}, {int(C::Channel), 15},
                     {int(C::FirstSeen), 6}, {int(C::Duration), 5}, {int(C::HandledBy), 17}});
    m_ui->alarmDetails->setMinimumHeight(fontMetrics().height() * 3);

    connect(m_ui->alarmFilter, &QLineEdit::textChanged, this, &AlarmsPage::applyFilter);
    connect(m_ui->unacknowledgedOnly, &QCheckBox::toggled, this, [this](bool on) {
        QSettings().setValue(kUnacknowledgedOnlyKey, on);
        applyFilter();
    });
    connect(m_ui->showCleared, &QCheckBox::toggled, this, [this](bool on) {
        QSettings().setValue(kShowClearedKey, on);
        applyFilter();
    });
    connect(m_ui->alarmTable->selectionModel(), &QItemSelectionModel::selectionChanged, this, &AlarmsPage::updateControls);
    connect(m_ui->alarmTable->selectionModel(), &QItemSelectionModel::currentChanged, this, [this] {
        updateControls();
        emit currentChannelChanged();
    });
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &AlarmsPage::updateSummary);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &AlarmsPage::updateSummary);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &AlarmsPage::updateSummary);
    // A double-click or Enter, as the platform activates items.
    connect(m_ui->alarmTable, &QAbstractItemView::activated, this, &AlarmsPage::openHistoryOfCurrent);
    connect(m_ui->acknowledgeAlarm, &QPushButton::clicked, this, &AlarmsPage::acknowledgeSelected);
    connect(m_ui->shelveAlarm, &QPushButton::clicked, this, &AlarmsPage::shelveSelected);
    connect(m_ui->unshelveAlarm, &QPushButton::clicked, this, &AlarmsPage::unshelveSelected);
    connect(m_ui->alarmHistory, &QPushButton::clicked, this, &AlarmsPage::openHistoryOfCurrent);
    m_tick->setInterval(kTickMs);
    connect(m_tick, &QTimer::timeout, this, [this] {
        m_model->setNow(QDateTime::currentDateTimeUtc());
        updateSummary();
        updateControls();
    });
    m_tick->start();
    applyFilter();
}

AlarmsPage::~AlarmsPage() = default;

QTableView *AlarmsPage::view() const
{
    return m_ui->alarmTable;
}

void AlarmsPage::setKeeper(AlarmKeeper *keeper)
{
    if (m_keeper)
        disconnect(m_keeper, nullptr, this, nullptr);
    m_keeper = keeper;
    m_pending.clear();
    m_results.clear();
    m_ui->alarmMessage->clear();
    m_model->setAlarms(keeper ? keeper->current() : AlarmSetPtr());
    m_ui->alarmStoreProblem->setVisible(keeper && !keeper->storeProblem().isEmpty());
    if (keeper) {
        connect(keeper, &AlarmKeeper::alarmsChanged, this, &AlarmsPage::onAlarms);
        connect(keeper, &AlarmKeeper::actionFinished, this, &AlarmsPage::onActionFinished);
        connect(keeper, &AlarmKeeper::storeProblemChanged, this, [this](const QString &problem) {
            m_ui->alarmStoreProblem->setText(tr("The alarms cannot be stored: %1").arg(problem));
            m_ui->alarmStoreProblem->setVisible(!problem.isEmpty());
        });
    }
    updateSummary();
    updateControls();
}

void AlarmsPage::onAlarms(const AlarmSetPtr &set)
{
    m_model->setAlarms(set);
    m_model->setNow(QDateTime::currentDateTimeUtc());
    updateSummary();
    updateControls();
}

void AlarmsPage::applyFilter()
{
    AlarmFilter filter;
    filter.text = m_ui->alarmFilter->text();
    filter.unacknowledgedOnly = m_ui->unacknowledgedOnly->isChecked();
    filter.includeCleared = m_ui->showCleared->isChecked();
    m_proxy->setFilter(filter);
    updateSummary();
    updateControls();
}

void AlarmsPage::updateSummary()
{
    if (!m_keeper) {
        m_ui->alarmSummary->setText(tr("Not connected"));
        return;
    }
    const int fresh = m_model->count(AlarmState::New);
    const int acknowledged = m_model->count(AlarmState::Acknowledged);
    const int shelved = m_model->count(AlarmState::Shelved);
    if (fresh + acknowledged + shelved == 0) {
        m_ui->alarmSummary->setText(tr("No open alarms"));
        return;
    }
    QStringList parts;
    parts.append(fresh == 1 ? tr("1 unacknowledged") : tr("%1 unacknowledged").arg(QLocale().toString(fresh)));
    if (acknowledged > 0)
        parts.append(tr("%1 acknowledged").arg(QLocale().toString(acknowledged)));
    if (shelved > 0)
        parts.append(tr("%1 shelved").arg(QLocale().toString(shelved)));
    QString text = parts.join(QStringLiteral(" · "));
    if (m_proxy->rowCount() < fresh + acknowledged + shelved)
        text += tr(" (%1 shown)").arg(QLocale().toString(m_proxy->rowCount()));
    m_ui->alarmSummary->setText(text);
}

QList<Alarm> AlarmsPage::selectedAlarms() const
{
    QList<Alarm> alarms;
    const QModelIndexList rows = m_ui->alarmTable->selectionModel()->selectedRows();
    for (const QModelIndex &row : rows) {
        if (const Alarm *alarm = m_model->alarmByNumber(row.data(AlarmTableModel::AlarmNumberRole).toLongLong()))
            alarms.append(*alarm);
    }
    std::sort(alarms.begin(), alarms.end(), [](const Alarm &a, const Alarm &b) { return a.number < b.number; });
    return alarms;
}

QString AlarmsPage::currentChannelId() const
{
    const QModelIndex current = m_ui->alarmTable->currentIndex();
    return current.isValid() ? current.data(AlarmTableModel::ChannelIdRole).toString() : QString();
}

void AlarmsPage::selectAlarm(qint64 number)
{
    selectSourceRow(m_ui->alarmTable, m_proxy, m_model->rowOf(number));
}

void AlarmsPage::updateControls()
{
    const QList<Alarm> selected = selectedAlarms();
    const QDateTime now = m_model->now();
    bool ackable = false;
    bool shelvable = false;
    bool shelved = false;
    for (const Alarm &alarm : selected) {
        const AlarmState state = alarm.stateAt(now);
        ackable = ackable || (state == AlarmState::New || (state == AlarmState::Shelved && !alarm.acknowledgedAt.isValid()));
        shelvable = shelvable || state != AlarmState::Cleared;
        shelved = shelved || state == AlarmState::Shelved;
    }
    const bool connected = m_keeper != nullptr;
    m_ui->acknowledgeAlarm->setEnabled(connected && ackable);
    m_ui->shelveAlarm->setEnabled(connected && shelvable);
    m_ui->unshelveAlarm->setEnabled(connected && shelved);
    m_ui->alarmHistory->setEnabled(!currentChannelId().isEmpty());

    const QModelIndex current = m_ui->alarmTable->currentIndex();
    const Alarm *alarm = current.isValid()
        ? m_model->alarmByNumber(current.data(AlarmTableModel::AlarmNumberRole).toLongLong())
        : nullptr;
    if (alarm == nullptr) {
        m_ui->alarmDetails->setText(connected ? tr("Select an alarm to see it in full; double-click it for its channel's history.")
                                     : QString());
        return;
    }
    QString text = tr("<b>%1</b> · %2 · %3 on <b>%4</b>: %5")
                       .arg(alarm->id(), alarmSeverityLabel(alarm->severity()), alarmKindLabel(alarm->kind),
                            (alarm->channelId.isEmpty() ? tr("the tenant") : alarm->channelName).toHtmlEscaped(),
                            alarm->summary.toHtmlEscaped());
    text += QStringLiteral("<br>") + tr("First seen %1, for %2.")
                                        .arg(QLocale().toString(alarm->firstSeen.toLocalTime(), QLocale::ShortFormat),
                                             alarmDurationText(alarm->durationMsAt(now)));
    if (alarm->acknowledgedAt.isValid())
        text += QLatin1Char(' ') + tr("Acknowledged by %1 at %2: “%3”.")
                                       .arg(alarm->acknowledgedBy.toHtmlEscaped(),
                                            QLocale().toString(alarm->acknowledgedAt.toLocalTime(), QLocale::ShortFormat),
                                            alarm->ackComment.toHtmlEscaped());
    if (alarm->stateAt(now) == AlarmState::Shelved)
        text += QLatin1Char(' ') + tr("Shelved by %1 until %2%3.")
                                       .arg(alarm->shelvedBy.toHtmlEscaped(),
                                            QLocale().toString(alarm->shelvedUntil.toLocalTime(), QLocale::ShortFormat),
                                            alarm->shelveReason.isEmpty() ? QString()
                                                                          : QStringLiteral(": “%1”").arg(alarm->shelveReason.toHtmlEscaped()));
    m_ui->alarmDetails->setText(text);
}

void AlarmsPage::showMessage(const QString &text, bool problem)
{
    m_ui->alarmMessage->setStyleSheet(problem ? QStringLiteral("QLabel { color: #c62828; font-weight: bold; }") : QString());
    m_ui->alarmMessage->setText(text);
}

void AlarmsPage::acknowledgeSelected()
{
    QList<Alarm> alarms = selectedAlarms();
    alarms.removeIf([](const Alarm &alarm) { return !alarm.isOpen() || alarm.acknowledgedAt.isValid(); });
    if (!m_keeper || alarms.isEmpty())
        return;
    auto *dialog = new AcknowledgeAlarmDialog(alarms, this);
    connect(dialog, &AcknowledgeAlarmDialog::acknowledged, this, [this](const QList<qint64> &numbers, const QString &comment) {
        if (!m_keeper)
            return;
        m_results.clear();
        for (qint64 number : numbers)
            m_pending.insert(m_keeper->acknowledge(number, comment));
        showMessage(tr("Recording…"), false);
    });
    dialog->open();
}

void AlarmsPage::shelveSelected()
{
    QList<Alarm> alarms = selectedAlarms();
    alarms.removeIf([](const Alarm &alarm) { return !alarm.isOpen(); });
    if (!m_keeper || alarms.isEmpty())
        return;
    auto *dialog = new ShelveAlarmDialog(alarms, parseShiftChanges(QSettings().value(kShiftChangesKey).toString()), this);
    connect(dialog, &ShelveAlarmDialog::shelved, this,
            [this](const QList<qint64> &numbers, const QDateTime &until, const QString &reason) {
                if (!m_keeper)
                    return;
                m_results.clear();
                for (qint64 number : numbers)
                    m_pending.insert(m_keeper->shelve(number, until, reason));
                showMessage(tr("Recording…"), false);
            });
    dialog->open();
}

void AlarmsPage::unshelveSelected()
{
    if (!m_keeper)
        return;
    const QDateTime now = m_model->now();
    m_results.clear();
    for (const Alarm &alarm : selectedAlarms()) {
        if (alarm.stateAt(now) == AlarmState::Shelved)
            m_pending.insert(m_keeper->unshelve(alarm.number));
    }
}

void AlarmsPage::onActionFinished(quint64 request, const AlarmActionResult &result)
{
    if (!m_pending.remove(request))
        return;
    m_results.append(result);
    if (!m_pending.isEmpty())
        return;
    const auto failed = std::find_if(m_results.cbegin(), m_results.cend(), [](const AlarmActionResult &r) {
        return r.outcome != AlarmActionResult::Outcome::Done && r.outcome != AlarmActionResult::Outcome::Already;
    });
    if (failed != m_results.cend())
        showMessage(failed->message, true);
    else if (m_results.size() == 1)
        showMessage(m_results.first().message, false);
    else
        showMessage(tr("%1 alarms: done").arg(m_results.size()), false);
    updateSummary();
    updateControls();
}

void AlarmsPage::openHistoryOfCurrent()
{
    const QString channel = currentChannelId();
    if (!channel.isEmpty())
        emit historyRequested(channel);
}

} // namespace cc::ui
