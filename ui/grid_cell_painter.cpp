#include "grid_cell_painter.h"

#include "status_presentation.h"

#include <QLocale>
#include <QPainter>
#include <QStringList>

#include <algorithm>

namespace cc::ui {

namespace {

// The shape each state's cells carry, as text for the legend.
QString legendGlyph(GridState state)
{
    switch (state) {
    case GridState::Down: return QStringLiteral("✕");
    case GridState::FailedOver: return QStringLiteral("→");
    case GridState::Degraded: return QStringLiteral("–");
    case GridState::Paused: return QStringLiteral("‖");
    case GridState::NoData: return QStringLiteral("▨");
    case GridState::Up: break;
    }
    return QStringLiteral("&nbsp;");
}

} // namespace

GridCellPainter::GridCellPainter(int side)
    : m_side(side)
{
}

QColor GridCellPainter::stateColour(GridState state, bool dark)
{
    switch (state) {
    case GridState::Up: return dark ? QColor(0x43, 0xa0, 0x47) : QColor(0x2e, 0x7d, 0x32);
    case GridState::Degraded: return dark ? QColor(0xf5, 0x9e, 0x0b) : QColor(0xc7, 0x7c, 0x02);
    case GridState::Down: return dark ? QColor(0xef, 0x44, 0x44) : QColor(0xc6, 0x28, 0x28);
    case GridState::FailedOver: return dark ? QColor(0x42, 0x8b, 0xf5) : QColor(0x15, 0x65, 0xc0);
    case GridState::NoData: return dark ? QColor(0x61, 0x61, 0x61) : QColor(0xbd, 0xbd, 0xbd);
    case GridState::Paused: return dark ? QColor(0x8d, 0x6e, 0x63) : QColor(0x6d, 0x4c, 0x41);
    }
    return {};
}

QString GridCellPainter::legendHtml(const QHash<GridState, int> &counts, bool dark, int recentMinutes)
{
    QStringList parts;
    for (GridState state : gridStatesWorstFirst()) {
        parts.append(QStringLiteral("<span style=\"background:%1; color:white;\">&nbsp;%2&nbsp;</span>&nbsp;%3&nbsp;%4")
                         .arg(stateColour(state, dark).name(), legendGlyph(state), gridStateText(state).toHtmlEscaped())
                         .arg(QLocale().toString(counts.value(state))));
    }
    parts.append(tr("<b>◥</b> SIP probe fails &nbsp; ▢ changed in the last %1 minutes").arg(recentMinutes));
    return parts.join(QStringLiteral(" &nbsp;&nbsp; "));
}

void GridCellPainter::add(const QRect &cell, GridState state, bool changedRecently, bool probeDown)
{
    m_fills[static_cast<int>(state)].append(cell);
    const int inset = std::max(2, m_side / 4);
    const QRect r = cell.adjusted(inset, inset, -inset, -inset);
    const int midY = r.center().y();
    switch (state) {
    case GridState::Down:   // a cross
        m_glyphs << QLine(r.topLeft(), r.bottomRight()) << QLine(r.bottomLeft(), r.topRight());
        break;
    case GridState::FailedOver:   // an arrow to the right: traffic goes elsewhere
        m_glyphs << QLine(r.left(), midY, r.right(), midY) << QLine(r.right(), midY, r.center().x(), r.top())
                 << QLine(r.right(), midY, r.center().x(), r.bottom());
        break;
    case GridState::Degraded:   // a bar across: "less than it should"
        m_glyphs << QLine(r.left(), midY, r.right(), midY);
        break;
    case GridState::Paused:   // two bars
        m_glyphs << QLine(r.left() + 1, r.top(), r.left() + 1, r.bottom())
                 << QLine(r.right() - 1, r.top(), r.right() - 1, r.bottom());
        break;
    case GridState::NoData:
        m_hatched.append(cell);
        break;
    case GridState::Up:
        break;
    }
    if (changedRecently)
        m_rings.append(cell.adjusted(-1, -1, 0, 0));
    if (probeDown) {
        const int mark = std::max(4, m_side * 2 / 5);
        const QPoint corner = cell.topRight() + QPoint(1, 0);
        m_probeMarks.append(QPolygon({corner, corner - QPoint(mark, 0), corner + QPoint(0, mark)}));
    }
}

void GridCellPainter::paint(QPainter &painter, bool dark, const QColor &text) const
{
    painter.setPen(Qt::NoPen);
    for (GridState state : gridStatesWorstFirst()) {
        const QList<QRect> &list = m_fills[static_cast<int>(state)];
        if (list.isEmpty())
            continue;
        painter.setBrush(stateColour(state, dark));
        painter.drawRects(list.constData(), int(list.size()));
    }
    if (!m_hatched.isEmpty()) {
        painter.setBrush(QBrush(dark ? QColor(0x9e, 0x9e, 0x9e) : QColor(0x61, 0x61, 0x61), Qt::BDiagPattern));
        painter.drawRects(m_hatched.constData(), int(m_hatched.size()));
    }
    if (!m_glyphs.isEmpty()) {
        painter.setPen(QPen(Qt::white, std::max(1.0, m_side / 9.0), Qt::SolidLine, Qt::RoundCap));
        painter.setRenderHint(QPainter::Antialiasing, m_side >= 14);
        painter.drawLines(m_glyphs.constData(), int(m_glyphs.size()));
        painter.setRenderHint(QPainter::Antialiasing, false);
    }
    if (!m_probeMarks.isEmpty()) {
        painter.setPen(Qt::NoPen);
        painter.setBrush(dark ? Qt::white : Qt::black);
        for (const QPolygon &mark : m_probeMarks)
            painter.drawPolygon(mark);
    }
    if (!m_rings.isEmpty()) {
        painter.setBrush(Qt::NoBrush);
        painter.setPen(QPen(text, 1));
        painter.drawRects(m_rings.constData(), int(m_rings.size()));
    }
}

} // namespace cc::ui
