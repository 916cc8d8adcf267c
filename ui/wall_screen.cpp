#include "wall_screen.h"

#include "channel_tile_model.h"
#include "status_grid_view.h"
#include "theme.h"

#include "overview/problem_headline.h"

#include <QCloseEvent>
#include <QKeyEvent>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

namespace cc::ui {

WallScreen::WallScreen(ChannelTileModel *model, QWidget *parent)
    : QWidget(parent, Qt::Window)
    , m_model(model)
    , m_grid(new StatusGridView(this))
    , m_headline(new QLabel(this))
    , m_subline(new QLabel(this))
{
    setObjectName(QStringLiteral("wallScreen"));
    setWindowTitle(tr("Channel Console — wall screen"));
    setAttribute(Qt::WA_DeleteOnClose);
    // A wall is read from across a dark room: always the dark scheme.
    setPalette(darkPalette());
    setAutoFillBackground(true);
    m_headline->setObjectName(QStringLiteral("wallHeadline"));
    m_headline->setAccessibleName(tr("Problems"));
    m_headline->setWordWrap(true);
    m_subline->setObjectName(QStringLiteral("wallSubline"));
    m_grid->setModel(model);
    m_grid->setGrouping(GridGrouping::Status);
    m_grid->setLargeType(true);
    m_grid->setFrameShape(QFrame::NoFrame);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 16, 24, 16);
    layout->addWidget(m_headline);
    layout->addWidget(m_subline);
    layout->addWidget(m_grid, 1);

    connect(m_grid, &StatusGridView::layoutUpdated, this, &WallScreen::refresh);
    connect(m_grid, &StatusGridView::historyRequested, this, &WallScreen::historyRequested);
    refresh();
}

void WallScreen::setAlarmsUnacknowledged(int count)
{
    m_alarms = count;
    refresh();
}

void WallScreen::setActingNote(const QString &note)
{
    m_acting = note;
    refresh();
}

QString WallScreen::headline() const
{
    return m_headline->text();
}

void WallScreen::refresh()
{
    // Counted from what the grid shows, so the headline and the cells never disagree.
    ProblemHeadline headline;
    headline.counts = m_grid->stateCounts();
    for (auto it = headline.counts.cbegin(); it != headline.counts.cend(); ++it)
        headline.channels += it.value();
    headline.alarmsUnacknowledged = m_alarms;
    const MonitorSnapshotPtr snapshot = m_model->snapshot();
    headline.failoverPausedAll = snapshot && snapshot->failoverPausedAll;
    if (!snapshot) {
        m_headline->setText(tr("Waiting for the monitor's first cycle…"));
    } else {
        m_headline->setText(headline.text());
    }
    const bool bad = !headline.allWell();
    m_headline->setStyleSheet(bad ? QStringLiteral("QLabel { color: #ff8a80; }") : QStringLiteral("QLabel { color: #a5d6a7; }"));
    QStringList sub;
    if (snapshot)
        sub.append(tr("Cycle %1 at %2").arg(snapshot->cycle)
                       .arg(QLocale().toString(snapshot->takenAt.toLocalTime().time(), QLocale::LongFormat)));
    if (!m_acting.isEmpty())
        sub.append(m_acting);
    sub.append(tr("Esc leaves the wall screen"));
    m_subline->setText(sub.join(QStringLiteral("  ·  ")));
}

void WallScreen::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    // Type in proportion to the screen: about 22 lines of headline fit its height.
    QFont big = font();
    big.setBold(true);
    big.setPixelSize(std::max(20, height() / 22));
    m_headline->setFont(big);
    QFont medium = font();
    medium.setPixelSize(std::max(14, height() / 48));
    m_subline->setFont(medium);
    m_grid->setFont(medium);
}

void WallScreen::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Escape || event->key() == Qt::Key_F11) {
        close();
        return;
    }
    QWidget::keyPressEvent(event);
}

void WallScreen::closeEvent(QCloseEvent *event)
{
    emit closed();
    QWidget::closeEvent(event);
}

} // namespace cc::ui
