#pragma once
// Paints the status grid's cells, batched: one fill per state, one set of
// glyph lines, the hatching of cells without data, the corners of failing SIP
// probes and the rings of recent changes, so 5,000 cells are a few calls. Each
// state has its shape as well as its colour (never colour alone), and the
// legend under the grid draws the same ones.

#include "overview/grid_state.h"

#include <QColor>
#include <QCoreApplication>
#include <QHash>
#include <QLine>
#include <QList>
#include <QPolygon>
#include <QRect>
#include <QString>

#include <array>

class QPainter;

namespace cc::ui {

class GridCellPainter final
{
    Q_DECLARE_TR_FUNCTIONS(cc::ui::GridCellPainter)

public:
    // `side`: the cell side in pixels, which sizes the glyphs and marks.
    explicit GridCellPainter(int side);

    // Colour of a state's cells; `dark` for a dark palette.
    static QColor stateColour(GridState state, bool dark);
    // The legend: each state's colour, shape and count, then the marks'
    // meaning; HTML for a QLabel.
    static QString legendHtml(const QHash<GridState, int> &counts, bool dark, int recentMinutes);

    void add(const QRect &cell, GridState state, bool changedRecently, bool probeDown);
    void paint(QPainter &painter, bool dark, const QColor &text) const;

private:
    static constexpr int kStates = 6;

    int m_side;
    std::array<QList<QRect>, kStates> m_fills;
    QList<QLine> m_glyphs;
    QList<QRect> m_hatched;
    QList<QRect> m_rings;
    QList<QPolygon> m_probeMarks;
};

} // namespace cc::ui
